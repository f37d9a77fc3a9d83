import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { flowOutline } from '../../../core/analysis/flow-outline';
import { WorkspaceIndex } from '../../../core/analysis/workspace-index';
import { emptyConfig } from '../../../core/config/types';
import { FlowQueue } from '../../../core/engine/flow-queue';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import type { LintResult } from '../../../core/engine/result';
import { collectExpressions } from '../../../core/expressions/flow-expressions';
import { forgetFlow } from '../../../core/model/per-flow';
import { loadProject, type Project } from '../../../core/project/load';
import { loadPaths } from '../../../core/workspace/load-paths';
import { allRules } from '../../../rules';
import { CORPUS_DIR, corpusAvailable } from '../../helpers/corpus';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLES = path.join(ROOT, 'samples');

/** Everything a report is made of, in order. */
function report(result: LintResult): string {
  return JSON.stringify({ findings: result.findings, unreadable: result.unreadable, notices: result.notices, files: result.files, flows: result.flows });
}

/** The report of a load that holds every flow, as the language server and --fix lint. */
async function held(project: Project, paths: string[], cwd: string, fixes = true): Promise<LintResult> {
  const ws = await loadPaths(paths, { cwd });
  return lintWorkspace(ws, project, allRules, { fixes });
}

/** The report of the CLI's lint: each flow built again from its text, linted and let go. */
async function queued(project: Project, paths: string[], cwd: string): Promise<{ result: LintResult; held: number; released: string[] }> {
  const queue = new FlowQueue();
  const ws = await loadPaths(paths, { cwd, sync: true, flowSink: queue.add });
  const flows = queue.source(ws.customConnectors, { policies: project.applicable, trustedDomains: project.config.trustedDomains });
  const result = lintWorkspace(ws, project, allRules, { fixes: false, flows });
  return { result, held: ws.flows.length + ws.solutions.reduce((n, s) => n + s.flows.length, 0), released: ws.releasedFlows };
}

function withoutFixes(result: LintResult): LintResult {
  return { ...result, findings: result.findings.map(({ fixes: _fixes, ...rest }) => rest) };
}

describe('engine/FlowQueue: linting each flow from its text, one at a time', () => {
  it('gives the samples the report a held load gives, fixes aside, holding no flow', async () => {
    const project = await loadProject({ cwd: SAMPLES, searchFrom: SAMPLES });
    const expected = await held(project, ['.'], SAMPLES);
    const got = await queued(project, ['.'], SAMPLES);
    assert.ok(expected.findings.some((f) => f.fixes), 'the samples have findings with fixes');
    assert.equal(report(got.result), report(withoutFixes(expected)));
    assert.equal(got.held, 0, 'neither the workspace nor a solution holds a flow');
    assert.equal(got.released.length, expected.flows);
  });

  it('computes no fix unless asked to, and everything else alike', async () => {
    const project = await loadProject({ cwd: SAMPLES, searchFrom: SAMPLES });
    const withFixes = await held(project, ['.'], SAMPLES);
    const without = await held(project, ['.'], SAMPLES, false);
    assert.ok(without.findings.every((f) => f.fixes === undefined));
    assert.equal(report(without), report(withoutFixes(withFixes)));
  });

  it('gives the corpus the report a held load gives, with and without a tenant policy', async function () {
    if (!corpusAvailable()) this.skip();
    this.timeout(300_000);
    const noPolicy: Project = { config: emptyConfig(CORPUS_DIR), policies: [], applicable: [], policyFiles: [] };
    const tenant = await loadProject({
      cwd: CORPUS_DIR,
      searchFrom: CORPUS_DIR,
      policies: ['dlp/cisagov__ScubaGear/4d34e9a48e/PowerShell/ScubaGear/Testing/Unit/PowerShell/CreateReport/CreateReportStubs/ProviderSettingsExport.powerplatform-extract.json'],
      environment: 'Default-3c19c757-3b55-411f-b03f-2bcc514a598d',
    });
    for (const project of [noPolicy, tenant]) {
      const expected = withoutFixes(await held(project, ['.'], CORPUS_DIR));
      const got = await queued(project, ['.'], CORPUS_DIR);
      assert.ok(expected.findings.some((f) => f.related?.some((r) => r.file !== f.file)), 'the corpus has paths across flows');
      assert.equal(report(got.result), report(expected));
    }
  });
});

/** The report of the CLI's lint of only the flows `only` says, and the flows it built to lint them. */
async function queuedOnly(project: Project, paths: string[], cwd: string, only: (file: string) => boolean): Promise<{ result: LintResult; built: string[] }> {
  const queue = new FlowQueue();
  const ws = await loadPaths(paths, { cwd, sync: true, flowSink: queue.add });
  const source = queue.source(ws.customConnectors, { policies: project.applicable, trustedDomains: project.config.trustedDomains }, only);
  const built: string[] = [];
  const counted = { ...source, flow: (i: number) => {
    const flow = source.flow(i);
    built.push(flow.doc.source.path);
    return flow;
  } };
  return { result: lintWorkspace(ws, project, allRules, { fixes: false, flows: counted }), built };
}

/** A report's findings and rule errors of some files only, everything else as it is. */
function ofFiles(result: LintResult, files: ReadonlySet<string>): string {
  return JSON.stringify({ findings: result.findings.filter((f) => files.has(f.file)), unreadable: result.unreadable.filter((u) => files.has(u.file)), files: result.files, flows: result.flows });
}

describe('engine/FlowQueue: linting only some flows (a pre-commit hook reports the files staged)', () => {
  it('gives each flow of the samples the findings a lint of all gives it, and builds no other flow for its lint', async () => {
    const project = await loadProject({ cwd: SAMPLES, searchFrom: SAMPLES });
    const all = await queued(project, ['.'], SAMPLES);
    const keys = all.released;
    assert.ok(keys.length >= 5, 'the samples have flows');
    for (const key of keys) {
      const got = await queuedOnly(project, ['.'], SAMPLES, (file) => file === key);
      assert.deepEqual(got.built, [key]);
      assert.equal(ofFiles(got.result, new Set([key])), ofFiles(all.result, new Set([key])), key);
    }
  });

  it('gives flows of the corpus, in and out of solutions whose flows run each other, the findings a lint of all gives them', async function () {
    if (!corpusAvailable()) this.skip();
    this.timeout(300_000);
    const project = await loadProject({
      cwd: CORPUS_DIR,
      searchFrom: CORPUS_DIR,
      policies: ['dlp/cisagov__ScubaGear/4d34e9a48e/PowerShell/ScubaGear/Testing/Unit/PowerShell/CreateReport/CreateReportStubs/ProviderSettingsExport.powerplatform-extract.json'],
      environment: 'Default-3c19c757-3b55-411f-b03f-2bcc514a598d',
    });
    const all = await queued(project, ['.'], CORPUS_DIR);
    const crossing = new Set(all.result.findings.filter((f) => f.related?.some((r) => r.file !== f.file)).map((f) => f.file));
    assert.ok(crossing.size > 0, 'the corpus has findings with paths across flows');
    // Every flow with a path from another flow, and every 20th flow besides: one run for them all.
    const chosen = new Set([...crossing, ...all.released.filter((_, i) => i % 20 === 0)]);
    const got = await queuedOnly(project, ['.'], CORPUS_DIR, (file) => chosen.has(file));
    assert.deepEqual(new Set(got.built), chosen);
    assert.equal(got.built.length, chosen.size);
    assert.equal(ofFiles(got.result, chosen), ofFiles(all.result, chosen));
  });
});

describe('analysis/WorkspaceIndex.admit and release', () => {
  it('holds a flow for its lint and keeps what it kept before once it is released', async () => {
    const ws = await loadPaths(['.'], { cwd: SAMPLES });
    const options = { policies: [], trustedDomains: [] };
    const whole = WorkspaceIndex.ofFlows(ws.flows);
    const kept = new WorkspaceIndex(whole.keys().map((key) => ({ kept: { outline: whole.outline(key)!, transfers: whole.transfers(key, options) } })));
    const flow = ws.flows[0]!;
    const key = flow.doc.source.path;
    const outline = kept.outline(key);
    kept.admit(flow);
    assert.equal(kept.flowOf(key), flow);
    // Meanwhile the outline is the one kept, not one made again of the flow built anew for its lint.
    assert.equal(kept.outline(key), outline, 'the outline kept, while admitted');
    assert.deepEqual(flowOutline(flow), outline, 'which is the outline of the flow admitted');
    kept.release(key);
    assert.equal(kept.flowOf(key), undefined);
    assert.equal(kept.outline(key), outline, 'the very outline kept before');
    kept.release(key);
    assert.equal(kept.outline(key), outline, 'releasing twice changes nothing');
  });
});

describe('model/forgetFlow', () => {
  it('drops what was computed for a flow, so that nothing it computed keeps the flow alive', async () => {
    const ws = await loadPaths(['.'], { cwd: SAMPLES });
    const flow = ws.flows[0]!;
    const first = collectExpressions(flow);
    assert.equal(collectExpressions(flow), first, 'computed once');
    forgetFlow(flow);
    const again = collectExpressions(flow);
    assert.notEqual(again, first, 'computed anew once forgotten');
    assert.deepEqual(again.steps.map((s) => s.references.length), first.steps.map((s) => s.references.length));
  });
});
