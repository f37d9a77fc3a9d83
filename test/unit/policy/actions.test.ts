import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { actionBehavior } from '../../../core/policy/actions';
import { loadPolicies } from '../../../core/policy/load';

const TEXT = JSON.stringify({
  policyDefinition: { name: 'p', connectorGroups: [] },
  connectorConfigurationsDefinition: {
    connectorActionConfigurations: [
      {
        connectorId: '/providers/Microsoft.PowerApps/apis/shared_sql',
        actionRules: [
          { actionId: 'DeleteItem_V2', behavior: 'Block' },
          { actionId: 'ExecutePassThroughNativeQuery_V2', behavior: 'Block' },
        ],
        defaultConnectorActionRuleBehavior: 'Allow',
      },
      {
        connectorId: '/providers/Microsoft.PowerApps/apis/shared_azureblob',
        actionRules: [{ actionId: 'GetFileContent_V2', behavior: 'Allow' }],
        defaultConnectorActionRuleBehavior: 'Block',
      },
    ],
  },
});

describe('policy/actions', () => {
  const [policy] = loadPolicies(sourceFromText('p.json', TEXT));
  assert.ok(policy);

  it('finds the rule naming the operation, without regard to case', () => {
    const verdict = actionBehavior(policy, 'shared_sql', 'executepassthroughnativequery_v2');
    assert.equal(verdict?.behavior, 'block');
    assert.equal(verdict?.rule?.actionId, 'ExecutePassThroughNativeQuery_V2');
    assert.equal(verdict?.config, policy.actionRules.get('shared_sql'));
  });

  it('gives the default behaviour to operations no rule names', () => {
    assert.deepEqual(actionBehavior(policy, '/providers/Microsoft.PowerApps/apis/shared_sql', 'GetItems_V2'), { behavior: 'allow', config: policy.actionRules.get('shared_sql') });
    assert.equal(actionBehavior(policy, 'shared_azureblob', 'DeleteFile_V2')?.behavior, 'block');
    assert.equal(actionBehavior(policy, 'Shared_AzureBlob', 'GetFileContent_V2')?.behavior, 'allow');
  });

  it('says nothing for connectors without action rules', () => {
    assert.equal(actionBehavior(policy, 'shared_sharepointonline', 'GetItems'), undefined);
  });
});
