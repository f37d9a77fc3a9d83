import * as assert from 'node:assert/strict';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseConfig } from '../../../core/config/load';
import { loadPolicies } from '../../../core/policy/load';
import { POLICY_FILE, starterConfig, starterPolicy } from '../../../client/commands/starter-files';

// The files 'FlowGuard: Create flowguard.json' writes must be accepted as they are by the engine
// the CLI and the server share: a starter that fails its own schema would greet the maker with an error.
describe('client/starter-files', () => {
  for (const schema of ['flowguard://schemas/flowguard.schema.json', './node_modules/flowguard/schemas/flowguard.schema.json']) {
    it(`writes a flowguard.json that validates and reads the policies under dlp/ ($schema ${schema})`, () => {
      const config = parseConfig(starterConfig(schema), '/work/flowguard.json', 'flowguard.json');
      assert.deepEqual(config.policies, ['dlp/*.json']);
      assert.deepEqual([config.trustedDomains, config.rules, config.exceptions], [[], {}, []]);
      assert.ok(POLICY_FILE.startsWith('dlp/') && POLICY_FILE.endsWith('.json'), 'the policy file matches the glob');
    });
  }

  for (const schema of ['flowguard://schemas/dlp-policy.schema.json', '../node_modules/flowguard/schemas/dlp-policy.schema.json']) {
    it(`writes a policy skeleton read as FlowGuard's format, with its guidance in description ($schema ${schema})`, () => {
      const text = starterPolicy(schema);
      const [policy, ...more] = loadPolicies(sourceFromText(POLICY_FILE, text));
      assert.equal(more.length, 0);
      assert.equal(policy?.displayName, 'Tenant DLP policy');
      assert.match((JSON.parse(text) as { description: string }).description, /business, nonBusiness or blocked/);
    });
  }
});
