import * as assert from 'node:assert/strict';
import { decodeText, sourceFromText } from '../../../core/artifacts/decode';
import { PolicyError } from '../../../core/policy/errors';
import { loadPolicies } from '../../../core/policy/load';

const load = (text: string, file = 'p.json') => loadPolicies(sourceFromText(file, text));

/** Runs `fn` expecting a PolicyError and returns it. */
function policyError(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PolicyError, `expected a PolicyError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a PolicyError');
}

describe('policy/load: files that are not policies', () => {
  it('reports broken JSON at the error', () => {
    const e = policyError(() => load('{\n  "business": ["shared_sql",]\n}', 'broken.dlp.json'));
    assert.match(e.message, /^broken\.dlp\.json:2:29: Invalid JSON: /);
    assert.equal(e.file, 'broken.dlp.json');
    assert.deepEqual(e.range.start, { line: 1, character: 28 });
  });

  it('reports truncated and empty files', () => {
    assert.match(policyError(() => load('{"policyDefinition": {"name": "x"')).message, /^p\.json:1:\d+: Invalid JSON/);
    assert.match(policyError(() => load('')).message, /^p\.json:1:1: /);
  });

  it('says what it expected when the JSON is some other document', () => {
    const expected = 'not a DLP policy: expected an admin API policy (policyDefinition), a Get-DlpPolicy object or a FlowGuard policy';
    assert.equal(policyError(() => load('{"properties": {"definition": {}}}')).problem, expected);
    assert.equal(policyError(() => load('"just a string"')).problem, expected);
    assert.equal(policyError(() => load('42')).message, `p.json:1:1: ${expected}`);
  });

  it('rejects deep nesting without recursing into it', () => {
    const deep = '{"value": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    assert.match(policyError(() => load(deep)).message, /nested deeper than/);
  });

  it('reads a huge policy and rejects a huge broken one, without crashing', () => {
    const connectors = Array.from({ length: 20_000 }, (_, i) => ({ id: `/providers/Microsoft.PowerApps/apis/shared_c${i}`, name: `C${i}` }));
    const text = JSON.stringify({ policyDefinition: { name: 'big', connectorGroups: [{ classification: 'General', connectors }] } });
    const [policy] = load(text);
    assert.equal(policy?.connectors.size, 20_000);
    assert.ok(policyError(() => load(text.slice(0, -10))));
  });

  it('rejects wrong types in tenant exports by name', () => {
    assert.equal(policyError(() => load('{"name": "p", "connectorGroups": {"classification": "General"}}')).problem, '"connectorGroups" must be an array');
    assert.equal(policyError(() => load('{"name": "p", "connectorGroups": ["shared_sql"]}')).problem, 'a connector group must be an object');
    assert.equal(policyError(() => load('{"name": "p", "connectorGroups": [{"classification": "General", "connectors": [{"name": "SQL"}]}]}')).problem, 'a connector entry needs "id"');
    assert.equal(policyError(() => load('{"connectorGroups": []}')).problem, 'a DLP policy needs a "name" or a "displayName"');
  });

  it('reads UTF-16 files with a byte order mark', () => {
    const text = '{"name": "p", "connectorGroups": [{"classification": "Blocked", "connectors": [{"id": "Http"}]}]}';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const [policy] = loadPolicies(decodeText('utf16.json', bytes));
    assert.equal(policy?.connectors.get('http')?.group, 'blocked');
  });
});
