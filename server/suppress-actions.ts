import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { sourceFromText } from '../core/artifacts/decode';
import { parseJson, type JsonDocument } from '../core/artifacts/json';
import { CONFIG_FILE, findConfig } from '../core/config/find';
import { exceptionEdits, newConfigText, noteEdits, TODO_REASON, type ExceptionEntry } from '../core/fixes/suppress';
import { targetOf, type ActionContext } from './action-context';
import { uriOfPath } from './paths';
import { addEdits, canCreateFiles, emptyPlan, toWorkspaceEdit } from './workspace-edits';

function parsed(file: string, text: string): JsonDocument | undefined {
  try {
    return parseJson(sourceFromText(file, text));
  } catch {
    return undefined;
  }
}

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** An `exceptions` entry in the nearest flowguard.json, or a new flowguard.json at the workspace root holding it. */
export function configSuppression(ctx: ActionContext, diagnostic: Diagnostic, entry: ExceptionEntry): CodeAction[] {
  const plan = emptyPlan();
  const configFile = findConfig(ctx.open.file);
  if (configFile) {
    const text = ctx.textOf(configFile);
    const doc = text === undefined ? undefined : parsed(configFile, text);
    const edits = doc ? exceptionEdits(doc, entry) : [];
    const uri = ctx.uriOf(configFile);
    if (edits.length === 0) return [];
    addEdits(plan, { uri, version: ctx.versionOf(uri) }, edits);
  } else {
    if (!canCreateFiles(ctx.client)) return [];
    const uri = uriOfPath(path.join(ctx.open.cwd, CONFIG_FILE));
    plan.create = uri;
    addEdits(plan, { uri, version: null }, [{ file: CONFIG_FILE, range: START, newText: newConfigText(entry) }]);
  }
  const subject = entry.action !== undefined ? `'${entry.action}'` : `flow '${entry.flow ?? ''}'`;
  return [{ title: `Suppress ${entry.rule} for ${subject} in flowguard.json`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit(plan, ctx.client) }];
}

/** A flowguard-disable directive in the note of the finding's action, which travels with the flow. */
export function noteSuppression(ctx: ActionContext, diagnostic: Diagnostic, rule: string, action: string): CodeAction[] {
  const step = ctx.open.flow.steps.find((s) => s.name === action);
  const target = targetOf(ctx, ctx.open.flow.doc.source.path);
  const edits = step ? noteEdits(ctx.open.flow.doc, step, rule) : [];
  if (!target || edits.length === 0) return [];
  const plan = emptyPlan();
  addEdits(plan, target, edits);
  return [{ title: `Suppress ${rule} with a note on '${action}'`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit(plan, ctx.client) }];
}

/** Both ways to accept a finding, each with a reason to be written in place of the TODO. */
export function suppressions(ctx: ActionContext, diagnostic: Diagnostic, rule: string): CodeAction[] {
  const data = diagnostic.data as Record<string, unknown>;
  const flow = typeof data.flow === 'string' ? data.flow : undefined;
  const action = typeof data.action === 'string' ? data.action : undefined;
  const entry: ExceptionEntry = { rule, ...(flow !== undefined ? { flow } : {}), ...(action !== undefined ? { action } : {}), reason: TODO_REASON };
  return [...configSuppression(ctx, diagnostic, entry), ...(action !== undefined ? noteSuppression(ctx, diagnostic, rule, action) : [])];
}
