import * as path from 'node:path';
import { parseJson } from '../core/artifacts/json';
import { ArtifactError, createSourceFile } from '../core/artifacts/source';
import type { Notice } from '../core/findings';
import { applyEdits } from '../core/fixes/apply-edits';
import { planFixes } from '../core/fixes/plan';
import { writeRefusal } from '../core/fixes/write-guard';
import type { Flow } from '../core/model/types';
import { Workspace } from '../core/workspace/collector';
import { contextOf, rebuildFlow } from '../core/workspace/flow-context';
import { MAX_FIX_PASSES } from './fix';
import type { Linted } from './project';
import { unifiedDiff } from './unified-diff';

// --fix-dry-run runs what --fix runs (the safe fixes, pass after pass until nothing changes) on
// the texts in memory: each fixed flow is rebuilt from its new text with the context it was
// loaded in and the workspace is linted again, so the diff and the exit code are exactly what
// --fix would write and leave. Nothing is written, whatever the file.

export interface DryRunOptions {
  cwd: string;
  /** The paths being linted, absolute, as --fix gets them; undefined for standard input, which is never written. */
  roots?: readonly string[];
}

export interface DryRunOutcome {
  /** The lint of the fixed texts: what --fix would leave. */
  linted: Linted;
  /** The edits as a unified diff, file by file; '' when there is nothing to fix. */
  diff: string;
  notices: Notice[];
}

const IN_ARCHIVE = /\.zip!/i;

/** Why --fix would not write this file, in the words it would use; undefined when it would. */
async function refusal(file: string, flow: Flow | undefined, options: DryRunOptions): Promise<string | undefined> {
  if (IN_ARCHIVE.test(file)) return 'inside a zip archive, which --fix does not rewrite; unpack the solution (pac solution unpack) to fix it';
  if (!flow) return 'not a flow file, which --fix-dry-run cannot fix in memory; run --fix to apply it';
  return options.roots ? writeRefusal(path.resolve(options.cwd, file), options.roots) : undefined;
}

function describe(error: unknown): string {
  return error instanceof ArtifactError ? error.message : String(error);
}

/** The fixed flow, or why the fixes cannot be applied. */
function fixedFlow(flow: Flow, text: string): Flow | string {
  const source = flow.doc.source;
  try {
    return rebuildFlow(parseJson(createSourceFile(source.path, text, source.hadBom)), contextOf(flow)) ?? 'the fixed text would no longer be a cloud flow; please report this';
  } catch (error) {
    return `the fixed text would not be valid JSON (${describe(error)}), so the file would be left unchanged; please report this`;
  }
}

/** The text as it is in the file, byte order mark included, so the diff's first line applies to the file as it is. */
function withBom(flow: Flow): string {
  return (flow.doc.source.hadBom ? '\ufeff' : '') + flow.doc.source.text;
}

/** The same workspace with some flows replaced by their fixed versions. */
function withFlows(ws: Workspace, replaced: ReadonlyMap<Flow, Flow>): Workspace {
  const copy = new Workspace();
  copy.flows.push(...ws.flows.map((f) => replaced.get(f) ?? f));
  copy.solutions.push(...ws.solutions);
  copy.deploymentSettings.push(...ws.deploymentSettings);
  copy.customConnectors.push(...ws.customConnectors);
  copy.notices.push(...ws.notices);
  copy.unreadable.push(...ws.unreadable);
  copy.files = ws.files;
  return copy;
}

export async function fixDryRun(first: Linted, relint: (ws: Workspace) => Linted, options: DryRunOptions): Promise<DryRunOutcome> {
  let linted = first;
  let applied = 0;
  const originals = new Map<string, string>();
  const skipped = new Map<string, string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const flows = new Map(linted.ws.flows.map((f) => [f.doc.source.path, f]));
    const replaced = new Map<Flow, Flow>();
    for (const [file, fixes] of planFixes(linted.result.findings, { only: 'safe' })) {
      if (skipped.has(file)) continue;
      const flow = flows.get(file);
      const refused = await refusal(file, flow, options);
      const fixed = refused ?? fixedFlow(flow!, applyEdits(flow!.doc.source.text, fixes.flatMap((f) => f.edits)));
      if (typeof fixed === 'string') {
        skipped.set(file, fixed);
        continue;
      }
      if (!originals.has(file)) originals.set(file, withBom(flow!));
      replaced.set(flow!, fixed);
      applied += fixes.length;
    }
    if (replaced.size === 0) break;
    linted = relint(withFlows(linted.ws, replaced));
  }
  const finalText = new Map(linted.ws.flows.map((f) => [f.doc.source.path, withBom(f)]));
  const diff = [...originals].map(([file, before]) => unifiedDiff(file, before, finalText.get(file) ?? before)).join('');
  const files = [...originals.keys()];
  const notices: Notice[] = [
    { message: applied === 0 ? 'No safe fixes to apply.' : `--fix would apply ${applied} fix${applied === 1 ? '' : 'es'} to ${files.join(', ')}; nothing was written.` },
    ...[...skipped].map(([file, reason]) => ({ file, message: `not fixed: ${reason}.` })),
  ];
  return { linted, diff, notices };
}
