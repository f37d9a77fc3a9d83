import { readFileSync } from 'node:fs';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceFromText } from '../core/artifacts/decode';
import { parseJson } from '../core/artifacts/json';
import { lintFlow } from '../core/engine/lint';
import type { Config } from '../core/config/types';
import type { Finding, Fix } from '../core/findings';
import type { Flow } from '../core/model/types';
import { applyEdits } from '../core/fixes/apply-edits';
import { planFixes } from '../core/fixes/plan';
import { allRules } from '../rules';
import { targetOf, type ActionContext } from './action-context';
import { findingOf, ruleOf } from './finding-match';
import { documentUri, isRange, type Log } from './guard';
import { openPolicyActions, OPEN_LOCATION_COMMAND } from './policy-actions';
import { ruleDocumentationAction } from './rule-doc-actions';
import type { DocumentFlow, Session } from './session';
import { suppressions } from './suppress-actions';
import { addEdits, emptyPlan, toWorkspaceEdit } from './workspace-edits';

export { OPEN_LOCATION_COMMAND };

/** Every safe fix of a document at once: for "Fix all" and editor.codeActionsOnSave. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flowguard`;

export const CODE_ACTION_CAPABILITIES = {
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
} satisfies ServerCapabilities;

function fixAction(ctx: ActionContext, diagnostic: Diagnostic, fix: Fix): CodeAction[] {
  const plan = emptyPlan();
  for (const edit of fix.edits) {
    const target = targetOf(ctx, edit.file);
    if (!target) return [];
    addEdits(plan, target, [edit]);
  }
  return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safe, edit: toWorkspaceEdit(plan, ctx.client) }];
}

function diagnosticActions(ctx: ActionContext, diagnostic: Diagnostic, findings: readonly Finding[]): CodeAction[] {
  const rule = ruleOf(diagnostic);
  if (!rule) return [];
  const finding = findingOf(diagnostic, findings);
  return [
    ...(finding?.suppressed ? [] : (finding?.fixes ?? [])).flatMap((fix) => fixAction(ctx, diagnostic, fix)),
    ...suppressions(ctx, diagnostic, rule),
    ...(rule.startsWith('dlp/') ? openPolicyActions(ctx, diagnostic, finding) : []),
    ruleDocumentationAction(diagnostic, rule),
  ];
}

/** In a document that is no flow (flowguard.json, deploymentSettings.json), a finding can still show its rule's page. */
function documentationOnly(diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((d) => {
    const rule = ruleOf(d);
    return rule ? [ruleDocumentationAction(d, rule)] : [];
  });
}

/** One edit with every safe fix of the document that does not meet another; undefined when there is none. */
function fixAllAction(ctx: ActionContext, findings: readonly Finding[]): CodeAction | undefined {
  const source = ctx.open.flow.doc.source;
  const fixes = planFixes(findings, { only: 'safe' }).get(source.path) ?? [];
  const edits = fixes.flatMap((f) => f.edits);
  const target = targetOf(ctx, source.path);
  if (edits.length === 0 || !target) return undefined;
  // Fixes are checked one by one; together they must still leave JSON the designer can import.
  try {
    parseJson(sourceFromText(source.path, applyEdits(source.text, edits)));
  } catch {
    return undefined;
  }
  const plan = emptyPlan();
  addEdits(plan, target, edits);
  return { title: 'Fix all safe FlowGuard problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(plan, ctx.client) };
}

/** Findings by flow model and configuration: the editor asks for code actions at every cursor move. */
const linted = new WeakMap<Flow, { config: Config; findings: Finding[] }>();

function findingsOf(open: DocumentFlow): Finding[] {
  const cached = linted.get(open.flow);
  if (cached?.config === open.config) return cached.findings;
  const { findings } = lintFlow(open.flow, { rules: allRules, policies: open.policies, config: open.config });
  linted.set(open.flow, { config: open.config, findings });
  return findings;
}

function wanted(only: string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export async function codeActions(params: CodeActionParams, context: Omit<ActionContext, 'uri' | 'open'>, session: Session): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const open = await session.documentFlow(uri);
  if (!open) return wanted(only, CodeActionKind.QuickFix) ? documentationOnly(params.context.diagnostics) : [];
  const ctx: ActionContext = { ...context, uri, open };
  const findings = findingsOf(open);
  const actions = wanted(only, CodeActionKind.QuickFix) ? params.context.diagnostics.flatMap((d) => diagnosticActions(ctx, d, findings)) : [];
  // Fix-all runs only when asked for by kind (on save, or "Fix all"), never in the light bulb.
  const fixAll = only !== undefined && wanted(only, FIX_ALL_KIND) ? fixAllAction(ctx, findings) : undefined;
  return fixAll ? [...actions, fixAll] : actions;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A request this server can answer; a malformed one (no uri, a null range) gets no actions rather than an exception. */
function wellFormed(params: CodeActionParams): boolean {
  const context: unknown = params?.context;
  if (documentUri(params) === undefined || !isRange(params.range) || typeof context !== 'object' || context === null) return false;
  const { diagnostics, only } = context as { diagnostics?: unknown; only?: unknown };
  const fine = (d: unknown): boolean => typeof d === 'object' && d !== null && isRange((d as Diagnostic).range);
  return Array.isArray(diagnostics) && diagnostics.every(fine) && (only === undefined || (Array.isArray(only) && only.every((o) => typeof o === 'string')));
}

/** Answers textDocument/codeAction: each finding's fixes, ways to suppress it, its rule's page, and fix-all. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, session: () => Session | undefined, log: Log): void {
  connection.onCodeAction(async (params) => {
    const current = session();
    if (!current || !wellFormed(params)) return [];
    try {
      return await codeActions(params, {
        client: current.client,
        uriOf: (file) => current.uriOf(file),
        versionOf: (uri) => documents.get(uri)?.version ?? null,
        textOf: (file) => documents.get(current.uriOf(file))?.getText() ?? readText(file),
      }, current);
    } catch (error) {
      log(`codeAction failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [];
    }
  });
}
