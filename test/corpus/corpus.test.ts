import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { emptyConfig } from '../../core/config/types';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import { loadProject } from '../../core/project/load';
import type { Workspace } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { CORPUS_DIR, corpusFiles, corpusManifest, requireCorpus, zipNoteFlowCounts } from '../helpers/corpus';

/** Environments named by the scoped tenant policies in corpus/dlp, so every policy gets a run. */
const SCOPED_ENVIRONMENTS = ['Default-3c19c757-3b55-411f-b03f-2bcc514a598d', 'Default-ca08493a-c9c8-4db0-a9e8-d3b4bafac269', '00000000-0000-0000-0000-000000000000'];

describe('corpus: real exports in ../shared/corpus', function () {
  this.timeout(300_000);
  let ws: Workspace;

  before(async function () {
    requireCorpus(this);
    ws = await loadPaths(['.'], { cwd: CORPUS_DIR, maxFiles: 100_000 });
  });

  it('loads every file with no error', () => {
    assert.deepEqual(ws.unreadable, []);
  });

  it('loads every solution flow the manifest lists as a cloud flow', () => {
    const expected = corpusManifest().filter((r) => r.kind === 'solution-flow-json').map((r) => r.corpusPath).sort();
    const loaded = new Set(ws.flows.map((f) => f.doc.source.path));
    assert.deepEqual(expected.filter((p) => !loaded.has(p)), []);
    const desktop = ws.notices.filter((n) => /desktop flow/.test(n.message)).length;
    const zipped = ws.flows.filter((f) => f.doc.source.path.includes('.zip!')).length;
    console.log(`      ${ws.flows.length} cloud flows (${ws.flows.length - zipped} unpacked, ${zipped} in zips), ${desktop} desktop flows skipped, ${ws.files} files`);
  });

  it('lints every flow the manifest lists exactly once, counting per file', () => {
    // What the manifest says each file holds: one flow per flow file, the counts in a zip's note.
    const expected = new Map<string, number>();
    let nested = 0;
    for (const row of corpusManifest()) {
      if (row.kind === 'solution-flow-json') expected.set(row.corpusPath, 1);
      else if (row.kind === 'legacy-package-json' && row.corpusPath.endsWith('/definition.json')) expected.set(row.corpusPath, 1);
      else if (row.corpusPath.toLowerCase().endsWith('.zip')) {
        const [own = 0, ...inner] = zipNoteFlowCounts(row.note);
        const innerFlows = inner.reduce((a, b) => a + b, 0);
        nested += innerFlows;
        expected.set(row.corpusPath, own + innerFlows);
      }
    }
    // A finding's file, and so a flow's, is the file on disk: the outer archive for a zip entry.
    const loaded = new Map<string, number>();
    for (const flow of ws.flows) {
      const file = /^(.*?\.zip)!/i.exec(flow.doc.source.path)?.[1] ?? flow.doc.source.path;
      loaded.set(file, (loaded.get(file) ?? 0) + 1);
    }
    const wrong = [...new Set([...expected.keys(), ...loaded.keys()])]
      .filter((file) => (expected.get(file) ?? 0) !== (loaded.get(file) ?? 0))
      .map((file) => `${file}: ${loaded.get(file) ?? 0} loaded, ${expected.get(file) ?? 'none'} listed`);
    assert.deepEqual(wrong, []);
    const paths = ws.flows.map((f) => f.doc.source.path);
    assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], 'no file loaded twice');
    const result = lintWorkspace(ws, { config: emptyConfig(CORPUS_DIR), policies: [], applicable: [], policyFiles: [] }, allRules);
    assert.equal(result.flows, ws.flows.length);
    const zipped = paths.filter((p) => p.includes('.zip!')).length;
    console.log(`      ${ws.flows.length} flows linted once each: ${ws.flows.length - zipped} flow files, ${zipped} in ${[...expected].filter(([f, n]) => f.toLowerCase().endsWith('.zip') && n > 0).length} zips (${nested} in nested zips), ${ws.solutions.length} solutions`);
  });

  it('resolves the connector of every OpenApiConnection and ApiConnection step', () => {
    const unresolved = ws.flows.flatMap((f) => f.steps.filter((s) => /^(OpenApi|Api)Connection/i.test(s.type) && !s.connector).map((s) => `${f.doc.source.path}#${s.name}`));
    assert.deepEqual(unresolved, []);
  });

  it('runs every rule with no policy: no dangling references, no malformed expressions, only real secrets', () => {
    const result = lintWorkspace(ws, { config: emptyConfig(CORPUS_DIR), policies: [], applicable: [], policyFiles: [] }, allRules);
    assert.deepEqual(result.unreadable, []);
    const counts = new Map<string, number>();
    for (const f of result.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    console.log(`      ${[...counts].sort().map(([k, n]) => `${k}: ${n}`).join('; ')}`);
    // Real exported flows import and run, so every reference resolves and every expression parses.
    assert.equal(counts.get('reliability/dangling-reference') ?? 0, 0);
    assert.equal(counts.get('reliability/malformed-expression') ?? 0, 0);
    // Each of the 15 Do until loops was read: every exit condition tests a variable the body sets or
    // an action inside it, every count and timeout is within the platform's limits (one count is an
    // environment variable), and the two loops at 5,000 iterations either call nothing or wait on failure.
    assert.equal(ws.flows.reduce((n, f) => n + f.steps.filter((s) => s.type.toLowerCase() === 'until').length, 0), 15);
    assert.equal(counts.get('reliability/runaway-loop') ?? 0, 0);
    // Each of these was read and confirmed: Entra client secrets left as parameter defaults in
    // the SCuBA solution's flows (both zips), and a Logic Apps trigger URL with its sig in an
    // ALM Accelerator environment variable.
    const secretFiles = result.findings.filter((f) => f.ruleId === 'secrets/hardcoded-secret').map((f) => f.file);
    const known = /PowerPlatformSCuBACOE\.Solution(_managed)?\.zip!Workflows\/|ALMAcceleratorForMakers\/SolutionPackage\/environmentvariabledefinitions\/cat_WebhookUrl\//;
    assert.deepEqual(secretFiles.filter((f) => !known.test(f)), []);
    assert.equal(secretFiles.length, 16);
    for (const f of result.findings) assert.ok(!/azZ8[A-Za-z0-9~._-]{20}/.test(f.message), 'no secret in a message');
  });

  for (const policyFile of corpusFilesSafe()) {
    it(`runs the DLP rules against ${path.relative(CORPUS_DIR, policyFile)}`, async () => {
      const counts = new Map<string, number>();
      for (const environment of [undefined, ...SCOPED_ENVIRONMENTS]) {
        const project = await loadProject({ cwd: CORPUS_DIR, configFile: undefined, searchFrom: '/', policies: [policyFile], environment });
        if (environment && project.applicable.every((p) => p.scope.type === 'all')) continue;
        const result = lintWorkspace(ws, project, allRules);
        assert.deepEqual(result.unreadable, []);
        for (const f of result.findings) {
          assert.ok(f.range.start.line >= 0 && f.range.end.line >= f.range.start.line, 'finding has a range');
          // Only the rules a policy changes are worth printing per policy.
          if (!f.ruleId.startsWith('dlp/') && !f.ruleId.startsWith('exfiltration/')) continue;
          const key = `${environment ?? 'all'} ${f.ruleId}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      console.log(`      ${[...counts].map(([k, n]) => `${k}: ${n}`).join('; ') || 'no findings'}`);
    });
  }
});

function corpusFilesSafe(): string[] {
  try {
    return corpusFiles((name) => name.endsWith('.json')).filter((f) => f.includes(`${path.sep}dlp${path.sep}`));
  } catch {
    return [];
  }
}
