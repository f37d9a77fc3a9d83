import * as assert from 'node:assert/strict';
import type { Rule } from '../../../core/engine/rule';
import type { Finding } from '../../../core/findings';
import { applyEdits } from '../../../core/fixes/apply-edits';
import incompleteCatch from '../../../rules/error-handling/incomplete-catch';
import noFailurePath from '../../../rules/error-handling/no-failure-path';
import anonymousTrigger from '../../../rules/exfiltration/anonymous-http-trigger';
import hardcodedSecret from '../../../rules/secrets/hardcoded-secret';
import unsecuredSecret from '../../../rules/secrets/unsecured-secret';
import { flowFromText, runRule } from '../../helpers/fixtures';
import { LAYOUTS, applyAndRecheck, fixtureFiles, fixtureText, keyOf, laidOut } from '../../helpers/fix-cases';

/** Findings that rightly come without a fix: a variable cannot be secured, a parameter default is removed by hand. */
const UNFIXABLE: Record<string, (f: Finding) => boolean> = {
  'secrets/unsecured-secret': (f) => f.data?.kind === 'variable',
  'secrets/hardcoded-secret': (f) => String(f.data?.field).startsWith('parameters.'),
};

const findingsOf = (rule: Rule, text: string, file: string): Finding[] => runRule(rule, flowFromText(text, file), []);

function testEveryFix(rule: Rule, safe: boolean): void {
  describe(`${rule.meta.id} fixes`, () => {
    it('is declared fixable', () => assert.equal(rule.meta.fixable, true));
    for (const file of fixtureFiles(rule.meta.id)) {
      for (const layout of LAYOUTS) {
        const rel = `${rule.meta.id}/${file}`;
        const text = laidOut(fixtureText(rel), layout);
        const findings = findingsOf(rule, text, rel);
        if (findings.length === 0) continue;
        it(`${file} (${layout}): every fix removes its finding and leaves valid JSON laid out as before`, () => {
          for (const finding of findings) {
            if (UNFIXABLE[rule.meta.id]?.(finding)) {
              assert.equal(finding.fixes, undefined, keyOf(finding));
              continue;
            }
            assert.ok(finding.fixes?.length, `${keyOf(finding)} has a fix`);
            for (const fix of finding.fixes) {
              assert.equal(fix.safe, safe, fix.title);
              applyAndRecheck(rule, text, finding, fix);
            }
          }
        });
      }
    }
  });
}

testEveryFix(unsecuredSecret, true);
testEveryFix(incompleteCatch, true);
testEveryFix(anonymousTrigger, false);
testEveryFix(noFailurePath, false);
testEveryFix(hardcodedSecret, false);

/** The one fix of the only finding of `file`, applied: the parsed result. */
function fixedJson(rule: Rule, file: string, pick: (f: Finding) => boolean = () => true): { text: string; json: any; fix: NonNullable<Finding['fixes']>[number] } {
  const text = fixtureText(`${rule.meta.id}/${file}`);
  const finding = findingsOf(rule, text, file).find(pick);
  const fix = finding?.fixes?.[0];
  assert.ok(fix, `a fix in ${file}`);
  const out = applyEdits(flowFromText(text, file).doc.source.text, fix.edits);
  return { text: out, json: JSON.parse(out), fix };
}

const definition = (json: any): any => json.properties.definition;

describe('what each fix writes', () => {
  it('secure outputs: extends runtimeConfiguration of the Key Vault action', () => {
    const { json } = fixedJson(unsecuredSecret, 'key-vault-unsecured-outputs.json');
    const secured = Object.values<any>(definition(json).actions).filter((a) => a.runtimeConfiguration?.secureData?.properties?.includes('outputs'));
    assert.equal(secured.length, 1);
  });

  it('TimedOut: appended to the run-after statuses of the handler', () => {
    const { json } = fixedJson(incompleteCatch, 'failed-only.json');
    assert.deepEqual(definition(json).actions.Catch.runAfter.Try, ['Failed', 'TimedOut']);
  });

  it('tenant only: sets triggerAuthenticationType, also where the legacy trigger had none', () => {
    for (const file of ['anyone.json', 'legacy-no-setting.json']) {
      const { json } = fixedJson(anonymousTrigger, file);
      const [trigger] = Object.values<any>(definition(json).triggers);
      assert.equal(trigger.inputs.triggerAuthenticationType, 'Tenant', file);
    }
  });

  it('Catch scope: runs after the last actions failed, timed out or were skipped, and terminates the run as Failed', () => {
    const { json } = fixedJson(noFailurePath, 'no-handler.json');
    const scope = definition(json).actions.Catch;
    assert.deepEqual(scope.runAfter, { 'Send_an_email_(V2)': ['Failed', 'Skipped', 'TimedOut'] });
    assert.equal(scope.type, 'Scope');
    assert.equal(scope.actions.Terminate.type, 'Terminate');
    assert.equal(scope.actions.Terminate.inputs.runStatus, 'Failed');
    assert.match(scope.actions.Terminate.inputs.runError.message, /@\{actions\('Send_an_email_\(V2\)'\)\?\['error'\]\?\['message'\]\}/);
  });

  it('secure parameter: the secret leaves the flow, a SecureString parameter without default takes its place', () => {
    const file = 'credential-headers.json';
    const secret = 'NlIrTtfkbSh2Cde2wioVMEuUYMjPeFXs';
    const { text, json, fix } = fixedJson(hardcodedSecret, file, (f) => f.action === 'Call_partner');
    assert.equal(fix.title, "Move the secret into a secure parameter 'Partner API key (x-api-key)'");
    assert.ok(!text.includes(secret) && !JSON.stringify(fix).includes(secret), 'the secret is written nowhere');
    assert.equal(definition(json).actions.Call_partner.inputs.headers['x-api-key'], "@parameters('Partner API key (x-api-key)')");
    const parameter = definition(json).parameters['Partner API key (x-api-key)'];
    assert.equal(parameter.type, 'SecureString');
    assert.equal('defaultValue' in parameter, false);
  });

  it('secure parameter: a secret inside a longer string becomes an @{...} interpolation', () => {
    const { json } = fixedJson(hardcodedSecret, 'credential-headers.json', (f) => f.action === 'Call_legacy_system');
    assert.match(definition(json).actions.Call_legacy_system.inputs.headers.Authorization, /^Basic @\{parameters\('Legacy system Authorization header credential'\)\}$/);
  });

  it('environment variable: a matching one is referenced instead of a new parameter', () => {
    const flow = JSON.parse(fixtureText('secrets/hardcoded-secret/credential-headers.json'));
    definition(flow).parameters['Partner API key (cr_PartnerApiKey)'] = { type: 'String', metadata: { schemaName: 'cr_PartnerApiKey' } };
    const text = JSON.stringify(flow, null, 2);
    const finding = findingsOf(hardcodedSecret, text, 'flow.json').find((f) => f.action === 'Call_partner');
    assert.deepEqual(finding?.fixes?.map((f) => f.title), ["Use environment variable 'Partner API key (cr_PartnerApiKey)' instead of the secret"]);
    const fixed = JSON.parse(applyEdits(text, finding!.fixes![0]!.edits));
    assert.equal(definition(fixed).actions.Call_partner.inputs.headers['x-api-key'], "@parameters('Partner API key (cr_PartnerApiKey)')");
    assert.deepEqual(Object.keys(definition(fixed).parameters), Object.keys(definition(flow).parameters));
  });
});
