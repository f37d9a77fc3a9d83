import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../core/artifacts/decode';
import { parseJson } from '../../core/artifacts/json';
import { emptyConfig, type Config } from '../../core/config/types';
import { WorkspaceIndex } from '../../core/analysis/workspace-index';
import { lintFlow } from '../../core/engine/lint';
import type { Rule } from '../../core/engine/rule';
import type { Finding } from '../../core/findings';
import { buildFlow, classifyFlowDocument } from '../../core/model/flow';
import type { Flow } from '../../core/model/types';
import { loadPolicies } from '../../core/policy/load';
import type { DlpPolicy } from '../../core/policy/types';
import { loadPaths } from '../../core/workspace/load-paths';

/** The repository root, found from the compiled test file (out/test/helpers). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** A flow read through the production loader, exactly as the CLI reads a file. */
export function flowFromText(text: string, file = 'flow.json'): Flow {
  const doc = parseJson(decodeText(file, Buffer.from(text, 'utf8')));
  const found = classifyFlowDocument(doc);
  if (found.kind !== 'cloud-flow') throw new Error(`${file} is not a cloud flow fixture`);
  return buildFlow(doc, found);
}

export function flowFixture(rel: string): Flow {
  const abs = path.join(FIXTURES, rel);
  const doc = parseJson(decodeText(rel, new Uint8Array(readFileSync(abs))));
  const found = classifyFlowDocument(doc);
  if (found.kind !== 'cloud-flow') throw new Error(`${rel} is not a cloud flow fixture`);
  return buildFlow(doc, found);
}

/** The one flow of an unpacked solution under test/fixtures, loaded with its solution as the CLI does. */
export async function solutionFlowFixture(rel: string): Promise<Flow> {
  const ws = await loadPaths([path.join(FIXTURES, rel)], { cwd: FIXTURES });
  if (ws.unreadable.length > 0) throw new Error(ws.unreadable.map((u) => `${u.file}: ${u.message}`).join('\n'));
  const [flow, ...others] = ws.flows;
  if (!flow || others.length > 0) throw new Error(`${rel} must hold exactly one flow (found ${ws.flows.length})`);
  return flow;
}

/** Every flow of an unpacked solution (or folder of them) under test/fixtures, loaded as the CLI does, in path order. */
export async function workspaceFixture(rel: string): Promise<Flow[]> {
  const ws = await loadPaths([path.join(FIXTURES, rel)], { cwd: FIXTURES });
  if (ws.unreadable.length > 0) throw new Error(ws.unreadable.map((u) => `${u.file}: ${u.message}`).join('\n'));
  return [...ws.flows].sort((a, b) => (a.doc.source.path < b.doc.source.path ? -1 : 1));
}

/** Runs a rule on every flow of a workspace with one index of them all, as lintWorkspace does. */
export function runRuleOnFlows(rule: Rule, flows: readonly Flow[], policies: DlpPolicy[], config: Config = emptyConfig(ROOT)): Finding[] {
  const workspace = WorkspaceIndex.ofFlows(flows);
  return flows.flatMap((flow) => {
    const { findings, errors } = lintFlow(flow, { rules: [rule], policies, config, workspace });
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
    return findings;
  });
}

export function policyFixture(rel: string): DlpPolicy[] {
  return loadPolicies(decodeText(rel, new Uint8Array(readFileSync(path.join(FIXTURES, rel)))));
}

export function runRule(rule: Rule, flow: Flow, policies: DlpPolicy[], config: Config = emptyConfig(ROOT)): Finding[] {
  const { findings, errors } = lintFlow(flow, { rules: [rule], policies, config });
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return findings;
}

/** What a user sees of a finding, without the wording: rule, 1-based position, action, data. */
export function seen(f: Finding): { ruleId: string; line: number; column: number; action?: string; data?: Finding['data'] } {
  const out: ReturnType<typeof seen> = { ruleId: f.ruleId, line: f.range.start.line + 1, column: f.range.start.character + 1 };
  if (f.action !== undefined) out.action = f.action;
  if (f.data !== undefined) out.data = f.data;
  return out;
}
