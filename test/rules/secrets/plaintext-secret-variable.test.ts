import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import rule from '../../../rules/secrets/plaintext-secret-variable';
import { emptyConfig } from '../../../core/config/types';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import { loadPaths } from '../../../core/workspace/load-paths';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'secure-parameter-default.json',
    why: 'a SecureString parameter whose default is a literal password',
    expect: [{ line: 17, column: 27, data: { parameter: 'legacyPassword' } }],
  },
  { file: 'secure-parameter-empty.json', why: 'a SecureString parameter with an empty default, supplied at deployment', expect: [] },
]);

function definition(schema: string, type: string, extra = ''): string {
  return `<environmentvariabledefinition schemaname="${schema}">\n  <displayname default="${schema.replace(/^contoso_/, '')}" />\n  <type>${type}</type>\n${extra}</environmentvariabledefinition>\n`;
}

describe('secrets/plaintext-secret-variable: environment variables', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-envvar-'));
    const root = path.join(dir, 'src');
    mkdirSync(path.join(root, 'Other'), { recursive: true });
    writeFileSync(path.join(root, 'Other', 'Solution.xml'), '<ImportExportXml><SolutionManifest><UniqueName>Contoso</UniqueName><Version>1.0.0.0</Version><Managed>2</Managed></SolutionManifest></ImportExportXml>');
    writeFileSync(path.join(root, 'Other', 'Customizations.xml'), '<ImportExportXml />');
    const variables: Record<string, string> = {
      // Named like a credential, stored as Text: reported.
      contoso_PartnerClientSecret: definition('contoso_PartnerClientSecret', '100000000'),
      // Innocent name, but the value is a connection string with a key: reported.
      contoso_StorageSettings: definition('contoso_StorageSettings', '100000000', '  <defaultvalue>DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=' + 'Zm9vYmFyYmF6cXV4'.repeat(5) + '==;EndpointSuffix=core.windows.net</defaultvalue>\n'),
      // Of type Secret: the right way.
      contoso_PartnerApiKey: definition('contoso_PartnerApiKey', '100000005', '  <secretstore>0</secretstore>\n'),
      // The name of a secret, not a secret.
      contoso_KeyVaultSecretName: definition('contoso_KeyVaultSecretName', '100000000', '  <defaultvalue>partner-api-key</defaultvalue>\n'),
      // Nothing to do with credentials.
      contoso_ApproverEmail: definition('contoso_ApproverEmail', '100000000', '  <defaultvalue>approvals@contoso.com</defaultvalue>\n'),
    };
    for (const [schema, xml] of Object.entries(variables)) {
      mkdirSync(path.join(root, 'environmentvariabledefinitions', schema), { recursive: true });
      writeFileSync(path.join(root, 'environmentvariabledefinitions', schema, 'environmentvariabledefinition.xml'), xml);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports Text variables named or valued like credentials, once each, at their definition', async () => {
    const ws = await loadPaths(['src'], { cwd: dir });
    const result = lintWorkspace(ws, { config: emptyConfig(dir), policies: [], applicable: [], policyFiles: [] }, [rule]);
    assert.deepEqual(result.unreadable, []);
    const seen = result.findings.map((f) => [f.file, f.range.start.line, f.data?.variable]);
    assert.deepEqual(seen, [
      ['src/environmentvariabledefinitions/contoso_PartnerClientSecret/environmentvariabledefinition.xml', 0, 'contoso_PartnerClientSecret'],
      ['src/environmentvariabledefinitions/contoso_StorageSettings/environmentvariabledefinition.xml', 0, 'contoso_StorageSettings'],
    ]);
    for (const f of result.findings) assert.ok(!f.message.includes('Zm9vYmFy'), 'no part of the value in the message');
  });
});
