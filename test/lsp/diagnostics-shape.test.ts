import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { ArtifactError, createSourceFile } from '../../core/artifacts/source';
import type { Finding } from '../../core/findings';
import { fileProblemDiagnostic, findingDiagnostic, type DiagnosticOptions } from '../../server/diagnostics';

const CWD = path.resolve('/work/space');
const options = (related = true): DiagnosticOptions => ({ cwd: CWD, related, uriOf: (file) => pathToFileURL(file).href });
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 4 } });

const finding: Finding = {
  ruleId: 'dlp/mixed-groups',
  severity: 'info',
  message: 'Flow mixes Business and Non-Business connectors.',
  file: 'flows/a.json',
  range: at(3, 6),
  flow: 'A',
  related: [
    { file: 'policies/tenant.json', range: at(10, 2), message: 'Policy Tenant' },
    { file: 'exports/Sol.zip!Workflows/B.json', range: at(40, 8), message: 'Used here' },
  ],
  data: { policy: 'Tenant' },
};

describe('lsp: the shape of a diagnostic', () => {
  it('maps a finding to severity, code, docs link and the facts code actions match on', () => {
    const d = findingDiagnostic(finding, options());
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.equal(d.code, 'dlp/mixed-groups');
    assert.ok(d.codeDescription?.href.endsWith('docs/rules/dlp/mixed-groups.md'));
    assert.deepEqual(d.data, { ruleId: 'dlp/mixed-groups', flow: 'A', policy: 'Tenant' });
  });

  it('resolves related files against the project cwd, and a zip entry to its archive at its start', () => {
    const [policy, entry] = findingDiagnostic(finding, options()).relatedInformation ?? [];
    assert.equal(policy?.location.uri, pathToFileURL(path.join(CWD, 'policies', 'tenant.json')).href);
    assert.deepEqual(policy?.location.range, at(10, 2));
    assert.equal(entry?.location.uri, pathToFileURL(path.join(CWD, 'exports', 'Sol.zip')).href);
    assert.deepEqual(entry?.location.range.start, { line: 0, character: 0 });
    assert.ok(entry?.message.startsWith('exports/Sol.zip!Workflows/B.json'), 'the entry is named, since the location cannot point into it');
  });

  it('leaves related information out for a client that does not accept it', () => {
    assert.equal(findingDiagnostic(finding, options(false)).relatedInformation, undefined);
  });

  it('drops the file:line:col prefix a loader wrote for the terminal, since the editor shows where', () => {
    const source = createSourceFile('flows/policy.dlp.json', '{"blocked": [}');
    const error = new ArtifactError('flows/policy.dlp.json', 'flows/policy.dlp.json:1:14: Invalid JSON: value expected.', { offset: 13, length: 1 }, source);
    const d = fileProblemDiagnostic(error, 'config-error');
    assert.equal(d.message, 'Invalid JSON: value expected.');
    assert.deepEqual(d.range.start, { line: 0, character: 13 });
    assert.equal(d.code, 'config-error');
  });
});
