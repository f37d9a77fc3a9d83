import * as assert from 'node:assert/strict';
import rule from '../../../rules/suppressions/missing-reason';
import { parseConfig } from '../../../core/config/load';
import { lintConfig } from '../../../core/engine/lint';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, () => [], [
  {
    file: 'note-without-reason.json',
    why: "the action's note disables a rule with no ' -- reason'",
    expect: [{ line: 59, column: 43, action: 'Send_to_payroll', data: { rules: 'exfiltration/http-data-path' } }],
  },
  { file: 'note-with-reason.json', why: 'the note gives its reason after " -- "', expect: [] },
]);

describe('suppressions/missing-reason in flowguard.json', () => {
  it('reports an exceptions entry without a reason, at the entry', () => {
    const text = '{\n  "exceptions": [\n    { "rule": "dlp/mixed-groups", "flow": "Social media monitor" },\n    { "rule": "exfiltration/http-data-path", "reason": "payroll provider under contract" }\n  ]\n}\n';
    const config = parseConfig(text, '/repo/flowguard.json', 'flowguard.json');
    const { findings } = lintConfig({ rules: [rule], policies: [], config });
    assert.deepEqual(findings.map((f) => [f.file, f.range.start.line + 1, f.range.start.character + 1, f.data?.rule]), [['flowguard.json', 3, 5, 'dlp/mixed-groups']]);
  });
});
