import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassWorkerHost } from '../../../server/pass-host';
import { startPassWorkerEarly, takeEarlyPassWorker } from '../../../server/pass-role';
import { ROOT } from '../../helpers/fixtures';

// The compiled server entry: like the bundle, it serves passes when loaded in the worker thread.
const ENTRY = path.join(__dirname, '..', '..', '..', 'server', 'main.js');
const SAMPLES = path.join(ROOT, 'samples');
const REQUEST = { roots: [SAMPLES], related: true, open: [] };

function host(entry = ENTRY): { host: PassWorkerHost; errors: string[] } {
  const errors: string[] = [];
  return { host: new PassWorkerHost(entry, { info: () => undefined, error: (m) => errors.push(m) }), errors };
}

describe('server: the pass worker, seen from the main thread', () => {
  it("takes the worker the launcher started early (server/launcher.ts), and runs the pass in it as in its own", async () => {
    startPassWorkerEarly(ENTRY);
    const { host: passes, errors } = host();
    try {
      passes.warm();
      assert.equal(takeEarlyPassWorker(ENTRY), undefined, 'the host took it');
      const result = await passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
      assert.ok(result);
      assert.ok(result.flows().length >= 6);
      assert.ok(result.diagnostics.size > 0);
      assert.ok(await result.crossFlow);
      assert.deepEqual(errors, []);
    } finally {
      passes.stop();
    }
  });

  it('leaves an early worker started for another entry alone, and starts its own', async () => {
    startPassWorkerEarly(path.join(path.dirname(ENTRY), 'other-entry.js'));
    const { host: passes } = host();
    try {
      const result = await passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
      assert.ok(result?.flows().length);
    } finally {
      passes.stop();
      // It was taken and let go: another entry's worker is never this host's.
      assert.equal(takeEarlyPassWorker(ENTRY), undefined);
    }
  });

  it('runs a pass in a worker thread: the units first, progress, then diagnostics, flows, contexts and cross-flow data', async () => {
    const { host: passes } = host();
    try {
      const seen: string[] = [];
      const streamed = new Map<string, unknown>();
      const result = await passes.run(REQUEST, {
        units: (units) => seen.push(`units ${units.length}`),
        progress: () => seen.push('progress'),
        diagnostics: (files) => {
          for (const [file, list] of files) streamed.set(file, list);
        },
      });
      assert.ok(result);
      assert.equal(seen[0], 'units 1');
      assert.ok(seen.includes('progress'));
      assert.ok(result.flows().length >= 6);
      // Flow files' diagnostics come while the pass runs; the result has the others, none twice.
      assert.ok(streamed.size > 0);
      assert.ok(result.diagnostics.size > 0);
      for (const file of result.diagnostics.keys()) assert.ok(!streamed.has(file), file);
      const flowFile = result.flows().find((f) => f.entry === undefined)?.file;
      assert.ok(flowFile && result.contexts.get(flowFile), 'a flow file outside a zip has its context');
      // The cross-flow data comes after the rest, whole: every flow's transfers computed.
      const crossFlow = await result.crossFlow;
      assert.ok(crossFlow);
      assert.ok(crossFlow()[0]?.flows.length);
      assert.equal(crossFlow(), crossFlow(), 'read once, then the same');
    } finally {
      passes.stop();
    }
  });

  it('ends a pass superseded by a newer one without a result, and runs the newer one', async () => {
    const { host: passes } = host();
    try {
      const first = passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
      const second = passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
      assert.equal(await first, undefined);
      assert.ok(await second);
      const cancelled = passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
      passes.cancel();
      assert.equal(await cancelled, undefined);
    } finally {
      passes.stop();
    }
  });

  it('fails the passes of a worker that dies, and starts a new one for the next pass', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-dying-worker-'));
    try {
      const dying = path.join(dir, 'dies.js');
      writeFileSync(dying, 'process.exit(3);\n');
      const { host: passes } = host(dying);
      await assert.rejects(passes.run(REQUEST, { units: () => undefined, progress: () => undefined }), /exited with code 3/);
      await assert.rejects(passes.run(REQUEST, { units: () => undefined, progress: () => undefined }), /exited with code 3/);
      passes.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves the pending pass without a result when stopped', async () => {
    const { host: passes } = host();
    const pending = passes.run(REQUEST, { units: () => undefined, progress: () => undefined });
    passes.stop();
    assert.equal(await pending, undefined);
  });
});
