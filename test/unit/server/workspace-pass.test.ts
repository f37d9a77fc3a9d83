import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { packContexts, PackedContexts } from '../../../server/packed-contexts';
import { Projects } from '../../../server/projects';
import { runPass, type PassInput, type PassResult } from '../../../server/workspace-pass';
import { findUnits } from '../../../server/workspace-units';
import { CORPUS_DIR, requireCorpus } from '../../helpers/corpus';
import { ROOT } from '../../helpers/fixtures';

const QUIET = { info: () => undefined, error: (message: string) => assert.fail(message) };

async function pass(folder: string, extra: Partial<PassInput> = {}): Promise<PassResult> {
  const projects = new Projects(QUIET);
  const units = await findUnits([folder], () => folder, QUIET.error);
  const result = await runPass({
    units,
    project: (unit) => projects.get(unit.folder, unit.cwd),
    progress: { begin: () => undefined, report: () => undefined, end: () => undefined },
    diagnostics: { related: true, uriOf: (file) => file },
    log: QUIET,
    stopped: () => false,
    ...extra,
  });
  assert.ok(result);
  return result;
}

const plain = (result: PassResult) => ({ diagnostics: [...result.diagnostics].sort(([a], [b]) => (a < b ? -1 : 1)), flows: result.flows, counts: result.counts, crossFlow: result.crossFlow });

// The pass lints a unit's flows in slices and hands each slice's flow files on as soon as they are
// linted (PassInput.stream); it may leave some transfers for after its result (deferTransfers).
// Neither may change what it finds.
function checks(folder: () => string): void {
  it('streams flow files whole, once, as the result has them, and finds what a pass that does not stream finds', async () => {
    const dir = folder();
    const streamed = new Map<string, Diagnostic[]>();
    const result = await pass(dir, {
      stream: (files) => {
        for (const [file, list] of files) {
          assert.ok(!streamed.has(file), `${file} streamed twice`);
          streamed.set(file, list);
        }
      },
    });
    assert.ok(streamed.size > 0);
    for (const file of result.streamed) assert.equal(JSON.stringify(streamed.get(file)), JSON.stringify(result.diagnostics.get(file)), file);
    // A file streamed but then added to (a zip's solution files, a second unit) is in the result whole.
    for (const file of streamed.keys()) assert.ok(result.diagnostics.has(file), file);
    const whole = await pass(dir);
    assert.deepEqual(plain(result), plain(whole));
  });

  it('completes the transfers it left for later to what a pass computing them at once keeps', async () => {
    const dir = folder();
    const later = await pass(dir, { deferTransfers: true });
    later.completeTransfers();
    assert.deepEqual(plain(later), plain(await pass(dir)));
  });
}

describe('server: the workspace pass', () => {
  describe('over the samples', () => checks(() => path.join(ROOT, 'samples')));
  describe('over ../shared/corpus', function () {
    this.timeout(120_000);
    before(function () {
      requireCorpus(this);
    });
    checks(() => CORPUS_DIR);
  });

  it('packs the contexts in one blob, a solution shared by its flows, without the connectors\' parsed files', async () => {
    const result = await pass(path.join(ROOT, 'samples'));
    const data = packContexts(result.contexts);
    assert.ok(data.blob);
    const packed = new PackedContexts(structuredClone(data));
    const bySolution = new Map<string, unknown>();
    for (const file of result.contexts.keys()) {
      const context = packed.get(file);
      assert.ok(context);
      const solution = context.solution;
      if (!solution) continue;
      const before = bySolution.get(solution.path);
      if (before) assert.equal(solution, before, 'one copy of a solution');
      bySolution.set(solution.path, solution);
      for (const connector of context.customConnectors ?? []) {
        assert.equal(connector.definition, undefined);
        assert.deepEqual(connector.jsonFiles, []);
      }
    }
    assert.ok(bySolution.size > 0);
  });
});
