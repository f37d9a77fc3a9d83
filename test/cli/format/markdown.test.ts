import * as assert from 'node:assert/strict';
import { formatters } from '../../../cli/format';
import { mdCell } from '../../../cli/format/markdown-text';
import type { LintResult } from '../../../core/engine/result';
import { at, OPTIONS, sampleResult } from './fixture';

const DOCS = 'https://github.com/flowguard/flowguard/blob/main/docs/rules/';

describe('markdown formatter', () => {
  it('opens with the verdict and counts, then a table row per finding', () => {
    const lines = formatters.markdown(sampleResult(), OPTIONS).split('\n');
    assert.deepEqual(lines.slice(0, 9), [
      '### FlowGuard',
      '',
      '❌ **Changes needed**: 1 error, 1 warning, 1 info, 1 file unreadable in 5 files (2 flows).',
      '',
      '| Severity | Rule | File | Flow | Action | Message |',
      '|---|---|---|---|---|---|',
      `| 🔵 info | [\`error-handling/no-failure-path\`](${DOCS}error-handling/no-failure-path.md) | flows/Invoice Flow.json:3 | Invoice Flow |  | Flow 'Invoice Flow' has no step that runs after a failure. |`,
      `| 🔴 error | [\`secrets/hardcoded-secret\`](${DOCS}secrets/hardcoded-secret.md) | flows/Invoice Flow.json:12 | Invoice Flow | HTTP\\_Post | Header 'x-api-key' of 'HTTP\\_Post' holds a key (sk\\_l…9Qz). Move it to Key Vault. |`,
      `| 🟡 warning | [\`exfiltration/consumer-connector\`](${DOCS}exfiltration/consumer-connector.md) | solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json:40 | Sync Orders | Send\\_email | 'Send\\_email' sends SharePoint data to Gmail. |`,
    ]);
  });

  it('lists unreadable files, then the data paths per file in collapsed details, then the notes', () => {
    const text = formatters.markdown(sampleResult(), OPTIONS);
    assert.ok(text.includes('\n**Files FlowGuard could not read:**\n\n- flows/broken.json:4: Expected a comma or a closing brace.\n'));
    assert.ok(
      text.includes(
        [
          '<details>',
          '<summary>solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json: 1 finding</summary>',
          '',
          "- **warning** `exfiltration/consumer-connector` at line 40, column 4 (Send\\_email): 'Send\\_email' sends SharePoint data to Gmail.",
          "  - line 20: The data is read here by 'Get\\_items'.",
          '  - policies/dlp \\[prod\\].json:3:5: Gmail is not in the business group.',
          '',
          '</details>',
        ].join('\n'),
      ),
    );
    assert.ok(text.endsWith('> **Note:** flows/Desktop.json: Skipped desktop flow "Scrape portal".\n'));
    assert.equal(text.match(/No DLP policy found/g)?.length, 1);
  });

  it('keeps a hostile name to its cell: pipes, line breaks, markup and mentions are escaped', () => {
    assert.equal(mdCell('a|b\nc <img src=x> [link](y) @security-team `x`'), 'a\\|b<br>c \\<img src=x\\> \\[link\\](y) @\u200bsecurity-team \\`x\\`');
    const base = sampleResult();
    const hostile = { ...base.findings[1]!, flow: 'Pay|roll\r\n| injected | row |' };
    const row = formatters.markdown({ ...base, findings: [hostile], unreadable: [] }, OPTIONS).split('\n').find((l) => l.startsWith('| 🔴'))!;
    assert.equal(row.split(/(?<!\\)\|/).length, 8);
  });

  it('says so in one line when there is nothing to report, and passes with warnings only', () => {
    const clean: LintResult = { ...sampleResult(), findings: [], unreadable: [], notices: [] };
    assert.equal(formatters.markdown(clean, OPTIONS), '### FlowGuard\n\n✅ **No problems found** in 5 files (2 flows).\n');
    const base = sampleResult();
    const warnings: LintResult = { ...base, findings: [base.findings[2]!], unreadable: [], notices: [] };
    assert.match(formatters.markdown(warnings, OPTIONS), /^### FlowGuard\n\n⚠️ \*\*Passed with warnings\*\*: 0 errors, 1 warning, 0 infos in 5 files/);
  });

  it('stays within the size GitHub accepts for a comment', () => {
    const base = sampleResult();
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...base.findings[2]!, range: at(i, 0), file: `flows/f${i}.json` }));
    const text = formatters.markdown({ ...base, findings: many, unreadable: [], notices: [] }, OPTIONS);
    assert.ok(text.length < 65_536, String(text.length));
    assert.match(text, /… and \d+ more findings; the SARIF or JSON report lists them all\./);
    assert.match(text, /Details of \d+ more files left out to keep this comment within GitHub's size limit\./);
  });
});
