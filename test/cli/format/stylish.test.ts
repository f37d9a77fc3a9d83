import * as assert from 'node:assert/strict';
import { formatters } from '../../../cli/format';
import type { LintResult } from '../../../core/engine/result';
import { at, OPTIONS, sampleResult } from './fixture';

const ESC = '\u001b';

describe('stylish formatter', () => {
  it('groups by file with aligned 1-based columns, notes once, then the totals', () => {
    const lines = formatters.stylish(sampleResult(), OPTIONS).split('\n');
    assert.deepEqual(lines, [
      '',
      'flows/Invoice Flow.json',
      "   3:3  info   Flow 'Invoice Flow' has no step that runs after a failure.                       error-handling/no-failure-path",
      "  12:8  error  Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.  secrets/hardcoded-secret",
      '',
      'flows/broken.json',
      '  4:2  error  Expected a comma or a closing brace.',
      '',
      'solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json',
      "  40:4  warning  'Send_email' sends SharePoint data to Gmail.  exfiltration/consumer-connector",
      "        ↳ 20:6  The data is read here by 'Get_items'.",
      '        ↳ policies/dlp [prod].json:3:5  Gmail is not in the business group.',
      '',
      'note: No DLP policy found; add "policies" to flowguard.json to check DLP rules.',
      'note: flows/Desktop.json: Skipped desktop flow "Scrape portal".',
      '✖ 3 problems (1 error, 1 warning, 1 info), 1 file unreadable',
      '',
    ]);
  });

  it('says so when there is nothing to report', () => {
    const clean: LintResult = { ...sampleResult(), findings: [], unreadable: [], notices: [] };
    assert.equal(formatters.stylish(clean, OPTIONS), '✔ No problems found (5 files, 2 flows)\n');
  });

  it('counts in plural and reports unreadable files alone', () => {
    const base = sampleResult();
    const twoErrors: LintResult = { ...base, findings: [base.findings[1]!, base.findings[1]!], unreadable: [], notices: [] };
    assert.match(formatters.stylish(twoErrors, OPTIONS), /\n✖ 2 problems \(2 errors, 0 warnings, 0 infos\)\n$/);
    const onlyUnreadable: LintResult = { ...base, findings: [], notices: [] };
    assert.match(formatters.stylish(onlyUnreadable, OPTIONS), /\n✖ 1 file unreadable\n$/);
  });

  it('uses ANSI codes only when color is on', () => {
    assert.ok(!formatters.stylish(sampleResult(), OPTIONS).includes(ESC));
    const colored = formatters.stylish(sampleResult(), { ...OPTIONS, color: true });
    assert.ok(colored.includes(`${ESC}[4mflows/Invoice Flow.json${ESC}[24m`));
    assert.ok(colored.includes(`${ESC}[31merror${ESC}[39m`));
    // Aligned before coloring: stripping the codes gives the plain output back.
    assert.equal(colored.replace(/\u001b\[\d+m/g, ''), formatters.stylish(sampleResult(), OPTIONS));
  });

  it('escapes control and bidi characters taken from the linted files', () => {
    const result: LintResult = {
      ...sampleResult(),
      findings: [
        {
          ruleId: 'secrets/hardcoded-secret',
          severity: 'error',
          message: `Action 'A${ESC}[2Jx\u202eevil' holds a key.\nSecond line`,
          file: 'flows/x.json',
          range: at(0, 0),
        },
      ],
      unreadable: [],
      notices: [],
    };
    const out = formatters.stylish(result, OPTIONS);
    assert.ok(!out.includes(ESC) && !out.includes('\u202e'));
    assert.ok(out.includes("  1:1  error  Action 'A\\u001b[2Jx\\u202eevil' holds a key. Second line  secrets/hardcoded-secret\n"));
  });
});
