import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { sourceFromText } from '../../../core/artifacts/decode';
import { parseJson } from '../../../core/artifacts/json';
import { detectShape } from '../../../core/policy/detect';
import { loadPolicies } from '../../../core/policy/load';
import { FIXTURES, ROOT } from '../../helpers/fixtures';

/**
 * VS Code applies schemas/dlp-policy.schema.json to every `*.dlp.json` and `dlp-policy*.json`
 * (package.json jsonValidation), tenant exports included: a tenant's admin API export saved as
 * dlp-policy-prod.json must show no schema errors, while a hand-written policy is still checked.
 * The schema tells the formats apart by the keys the loader does (core/policy/detect.ts).
 */
const SCHEMA_FILE = path.join(ROOT, 'schemas', 'dlp-policy.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
// Strict, as core/policy/schema.ts compiles it: the loader validates the short format with this file.
const ajv = new Ajv({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const isTenantExport = ajv.compile({ $ref: `${schema.$id}#/definitions/tenantExport` });

const CORPUS_DLP = path.join(ROOT, '..', 'shared', 'corpus', 'dlp');

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((file) => file.endsWith('.json') && statSync(file).isFile())
    .sort();
}

function shapeOf(name: string, text: string): string {
  return detectShape(parseJson(sourceFromText(name, text)).root);
}

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const TENANT_EXPORTS: Record<string, string> = {
  'an admin API v2 policy': JSON.stringify({ name: 'a1b2', displayName: 'Prod', policyDefinition: { environmentType: 'AllEnvironments' }, connectorConfigurationsDefinition: {} }),
  'an admin API list': JSON.stringify({ value: [{ name: 'a1b2', policyDefinition: {} }] }),
  'a Get-DlpPolicy object': JSON.stringify({ displayName: 'Prod', environmentType: 'OnlyEnvironments', environments: [{ name: 'Default-1', type: 'x' }], connectorGroups: [{ classification: 'Confidential', connectors: [] }], defaultConnectorsClassification: 'General' }),
  'a ConvertTo-Json list': JSON.stringify([{ displayName: 'Prod', connectorGroups: [] }]),
  'a ScubaGear export': JSON.stringify({ tenant_id: 't', dlp_policies: [{ value: [] }] }),
};

describe('schemas/dlp-policy.schema.json and tenant exports', () => {
  const realExports = [path.join(ROOT, 'samples', 'policies', 'contoso-tenant-policy.json'), ...jsonFiles(CORPUS_DLP)];

  for (const file of realExports) {
    it(`accepts ${path.relative(ROOT, file)} as it is, as the loader reads it`, () => {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      assert.notEqual(shapeOf(file, text), 'flowguard');
      assert.ok(loadPolicies(sourceFromText(file, text)).length > 0, 'the loader reads policies from it');
      assert.deepEqual(errorsOf(JSON.parse(text)), [], 'no schema error in the editor');
    });
  }

  for (const [what, text] of Object.entries(TENANT_EXPORTS)) {
    it(`accepts ${what}`, () => {
      assert.notEqual(shapeOf('dlp-policy-prod.json', text), 'flowguard');
      assert.deepEqual(errorsOf(JSON.parse(text)), []);
    });
  }

  for (const file of [path.join(ROOT, 'samples', 'policies', 'production-extra.dlp.json'), path.join(FIXTURES, 'dlp', 'policy.dlp.json')]) {
    it(`still checks ${path.relative(ROOT, file)}, a policy in FlowGuard's format, and finds it valid`, () => {
      const text = readFileSync(file, 'utf8');
      assert.equal(shapeOf(file, text), 'flowguard');
      assert.equal(isTenantExport(JSON.parse(text)), false);
      assert.deepEqual(errorsOf(JSON.parse(text)), []);
    });
  }

  it('reports a mistake in a hand-written policy, with or without its $schema', () => {
    for (const policy of [{ default: 'sometimes' }, { $schema: 'flowguard://schemas/dlp-policy.schema.json', default: 'sometimes' }]) {
      assert.equal(shapeOf('dlp-policy-dev.json', JSON.stringify(policy)), 'flowguard');
      assert.ok(errorsOf(policy).some((e) => e.startsWith('/default ')), JSON.stringify(errorsOf(policy)));
    }
  });

  it('checks a file whose $schema claims the FlowGuard format even when it has tenant keys, as the loader does', () => {
    for (const claim of ['flowguard://schemas/dlp-policy.schema.json', 'https://flowguard.dev/schemas/dlp-policy.schema.json', '../node_modules/FlowGuard/schemas/DLP-policy.schema.json']) {
      const policy = { $schema: claim, connectorGroups: [] };
      assert.equal(shapeOf('contoso.dlp.json', JSON.stringify(policy)), 'flowguard', claim);
      assert.ok(errorsOf(policy).length > 0, `${claim}: the tenant key is an unknown property`);
    }
  });

  it('tells the formats apart as core/policy/detect.ts does, for every shape above', () => {
    const texts = [...Object.values(TENANT_EXPORTS), ...realExports.map((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '')), '{"business": []}', '{"$schema": "flowguard://schemas/dlp-policy.schema.json", "value": []}'];
    for (const text of texts) {
      const shape = shapeOf('policy.json', text);
      assert.equal(isTenantExport(JSON.parse(text)), shape !== 'flowguard' && shape !== 'unknown', `${text.slice(0, 80)}: detect.ts says ${shape}`);
    }
  });
});
