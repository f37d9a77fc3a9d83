import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { contextKey, contextOf, rebuildFlow } from '../../../core/workspace/flow-context';
import { loadPaths } from '../../../core/workspace/load-paths';
import { copySamples, DROPBOX_FLOW, dropboxOnlyInSolution } from '../../helpers/samples';

describe('workspace/flow-context', () => {
  let dir: string;
  let text: string;

  before(() => {
    dir = copySamples();
    text = dropboxOnlyInSolution(readFileSync(path.join(dir, DROPBOX_FLOW), 'utf8'));
    writeFileSync(path.join(dir, DROPBOX_FLOW), text);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds a flow from new text with the solution and names it was loaded with', async () => {
    const ws = await loadPaths(['ContosoExpenses'], { cwd: dir });
    const loaded = ws.flows.find((f) => f.doc.source.path === DROPBOX_FLOW.split(path.sep).join('/'));
    assert.ok(loaded, 'the workspace holds the Dropbox flow');
    const connectorOf = (flow: typeof loaded) => flow.steps.find((s) => s.name === 'Create_file_in_Dropbox')?.connector?.id;
    assert.equal(connectorOf(loaded), 'shared_dropbox', 'the solution names the connector');

    const edited = parseJson(sourceFromText(loaded.doc.source.path, `\n${text}`));
    const rebuilt = rebuildFlow(edited, contextOf(loaded));
    assert.ok(rebuilt);
    assert.equal(connectorOf(rebuilt), 'shared_dropbox');
    assert.equal(rebuilt.displayName, 'Backup receipts to Dropbox', 'the name from the .data.xml sidecar');
    assert.equal(rebuilt.solution?.uniqueName, loaded.solution?.uniqueName);
    assert.equal(contextKey(contextOf(rebuilt)), contextKey(contextOf(loaded)));

    const alone = rebuildFlow(edited);
    assert.equal(alone && connectorOf(alone), undefined, 'without the solution nothing says it is Dropbox');
  });

  it('gives nothing for text that is no cloud flow', () => {
    assert.equal(rebuildFlow(parseJson(sourceFromText('x.json', '{"name": "not a flow"}'))), undefined);
  });
});
