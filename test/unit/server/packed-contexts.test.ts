import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { contextKey, rebuildFlow } from '../../../core/workspace/flow-context';
import { packContexts, PackedContexts } from '../../../server/packed-contexts';
import { Projects } from '../../../server/projects';
import { runPass } from '../../../server/workspace-pass';
import { findUnits } from '../../../server/workspace-units';
import { ROOT } from '../../helpers/fixtures';

const QUIET = { info: () => undefined, error: (message: string) => assert.fail(message) };

describe('server: the contexts a pass worker sends', () => {
  it('rebuild an open flow as the pass built it: same solution, connection references and names', async () => {
    const folder = path.join(ROOT, 'samples');
    const projects = new Projects(QUIET);
    const units = await findUnits([folder], () => folder, QUIET.error);
    const result = await runPass({
      units,
      project: (unit) => projects.get(unit.folder, unit.cwd),
      progress: { begin: () => undefined, report: () => undefined, end: () => undefined },
      diagnostics: { related: true, uriOf: (file) => file },
      log: QUIET,
      stopped: () => false,
    });
    assert.ok(result);
    const packed = new PackedContexts(structuredClone(packContexts(result.contexts)));
    assert.ok(result.contexts.size >= 6);
    for (const [file, context] of result.contexts) {
      const arrived = packed.get(file);
      assert.ok(arrived, file);
      assert.equal(packed.get(file), arrived, 'read once, then the same object');
      assert.equal(contextKey(arrived), contextKey(context), file);
      const doc = () => parseJson(sourceFromText(path.relative(folder, file), readFileSync(file, 'utf8')));
      const connectors = (c: typeof context) => rebuildFlow(doc(), c)?.steps.map((s) => [s.name, s.connector?.id, s.connector?.connectionName]);
      assert.deepEqual(connectors(arrived), connectors(context), file);
    }
    assert.equal(packed.get(path.join(folder, 'nothing.json')), undefined);
  });
});
