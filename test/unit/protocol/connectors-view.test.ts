import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { loadPolicies } from '../../../core/policy/load';
import type { DlpPolicy } from '../../../core/policy/types';
import { flowConnectorsView } from '../../../core/protocol/connectors-view';
import { flowFromText } from '../../helpers/fixtures';

function policy(name: string, body: object): DlpPolicy {
  const [loaded] = loadPolicies(sourceFromText(`${name}.dlp.json`, JSON.stringify({ name, ...body })));
  assert.ok(loaded);
  return loaded;
}

function openApi(connector: string, operationId: string, runAfter: Record<string, string[]> = {}): object {
  return { type: 'OpenApiConnection', runAfter, inputs: { host: { connectionName: connector, operationId, apiId: `/providers/Microsoft.PowerApps/apis/${connector}` } } };
}

/** A trigger and four actions: SharePoint twice, Dropbox, Twitter, and a Compose that uses no connector. */
const FLOW = JSON.stringify(
  {
    properties: {
      displayName: 'Backup',
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        triggers: { When_a_file_is_created: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'OnNewFile', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' } } } },
        actions: {
          Get_file: openApi('shared_sharepointonline', 'GetFileContent'),
          Copy_to_Dropbox: openApi('shared_dropbox', 'CreateFile', { Get_file: ['Succeeded'] }),
          Post_it: openApi('shared_twitter', 'Tweet', { Copy_to_Dropbox: ['Succeeded'] }),
          Compose: { type: 'Compose', inputs: 'x', runAfter: { Post_it: ['Succeeded'] } },
        },
      },
    },
  },
  null,
  2,
);

describe('protocol/connectors-view', () => {
  const flow = flowFromText(FLOW, 'flows/backup.json');
  const baseline = policy('Baseline', { default: 'nonBusiness', business: ['shared_sharepointonline'], blocked: ['shared_dropbox'] });
  const strict = policy('Strict', { default: 'blocked', business: ['shared_sharepointonline', 'shared_dropbox'] });
  const loose = policy('Loose', { default: 'business', nonBusiness: ['shared_sharepointonline'] });

  it('lists each connector once, in order of first use, with the steps using it and their name keys', () => {
    const view = flowConnectorsView(flow, [baseline]);
    assert.equal(view.name, 'Backup');
    assert.equal(view.file, 'flows/backup.json');
    assert.equal(view.solution, undefined);
    assert.deepEqual(view.connectors.map((c) => c.id), ['shared_sharepointonline', 'shared_dropbox', 'shared_twitter']);
    const sharepoint = view.connectors[0]!;
    assert.equal(sharepoint.name, 'SharePoint');
    assert.deepEqual(sharepoint.actions.map((a) => [a.name, a.kind]), [['When_a_file_is_created', 'trigger'], ['Get_file', 'action']]);
    const line = FLOW.split('\n').findIndex((l) => l.includes('"Get_file": {'));
    const character = FLOW.split('\n')[line]!.indexOf('"Get_file"');
    assert.deepEqual(sharepoint.actions[1]!.range, { start: { line, character }, end: { line, character: character + '"Get_file"'.length } });
  });

  it('gives the group under each policy, saying whether the policy lists the connector', () => {
    const twitter = flowConnectorsView(flow, [baseline, loose]).connectors.find((c) => c.id === 'shared_twitter')!;
    assert.deepEqual(
      twitter.groups.map(({ policy, group, listed, label }) => ({ policy, group, listed, label })),
      [
        { policy: 'Baseline', group: 'nonBusiness', listed: false, label: 'Non-Business (default)' },
        { policy: 'Loose', group: 'business', listed: false, label: 'Business (default)' },
      ],
    );
    assert.match(twitter.groups[0]?.reason ?? '', /does not list it, so it falls into the default group/);
  });

  it('calls a connector Blocked when any policy blocks it, listed or by its default group', () => {
    const byId = (policies: DlpPolicy[]) => new Map(flowConnectorsView(flow, policies).connectors.map((c) => [c.id, c.group]));
    assert.equal(byId([baseline]).get('shared_dropbox'), 'blocked');
    assert.equal(byId([strict]).get('shared_twitter'), 'blocked', 'the default group of Strict is Blocked');
    assert.equal(byId([strict, loose]).get('shared_dropbox'), 'business', 'listed Business in Strict and Business by default in Loose');
  });

  it('calls a connector no policy lists unclassified, as dlp/unclassified-connector does', () => {
    assert.equal(flowConnectorsView(flow, [baseline, loose]).connectors.find((c) => c.id === 'shared_twitter')?.group, 'unclassified');
  });

  it('takes the worst group over the policies that classify it', () => {
    const sharepoint = flowConnectorsView(flow, [baseline, loose]).connectors.find((c) => c.id === 'shared_sharepointonline');
    assert.equal(sharepoint?.group, 'nonBusiness', 'Business under Baseline, Non-Business under Loose');
  });

  it('calls every connector unclassified when no policy applies', () => {
    const view = flowConnectorsView(flow, []);
    assert.deepEqual(view.connectors.map((c) => c.group), ['unclassified', 'unclassified', 'unclassified']);
    assert.deepEqual(view.connectors[0]?.groups, []);
  });
});
