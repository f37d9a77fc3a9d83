import rule from '../../../rules/exfiltration/anonymous-http-trigger';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  { file: 'anyone.json', why: "triggerAuthenticationType All: anyone with the URL", expect: [{ line: 30, column: 42, action: 'manual', data: { authentication: 'all' } }] },
  { file: 'legacy-no-setting.json', why: 'a Request trigger with no kind and no setting: the legacy anonymous kind', expect: [{ line: 18, column: 9, action: 'manual', data: { authentication: 'absent' } }] },
  { file: 'user-without-users.json', why: 'User with an empty list falls back to the whole tenant', expect: [{ line: 30, column: 42, action: 'manual', data: { authentication: 'user' } }] },
  { file: 'tenant-only.json', why: 'restricted to the tenant', expect: [] },
  { file: 'named-users.json', why: 'restricted to named users', expect: [] },
  { file: 'power-apps-trigger.json', why: 'a Power Apps (V2) trigger is a Request trigger but not an HTTP endpoint', expect: [] },
]);
