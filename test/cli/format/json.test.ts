import * as assert from 'node:assert/strict';
import { formatters } from '../../../cli/format';
import { OPTIONS, sampleResult, ZIP_ENTRY } from './fixture';

describe('json formatter', () => {
  it('prints the documented shape, 1-based, with null for absent flow/action/connector', () => {
    const text = formatters.json(sampleResult(), OPTIONS);
    assert.deepEqual(JSON.parse(text), {
      findings: [
        {
          ruleId: 'error-handling/no-failure-path',
          severity: 'info',
          message: "Flow 'Invoice Flow' has no step that runs after a failure.",
          file: 'flows/Invoice Flow.json',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          flow: 'Invoice Flow',
          action: null,
          connector: null,
          related: [],
        },
        {
          ruleId: 'secrets/hardcoded-secret',
          severity: 'error',
          message: "Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.",
          file: 'flows/Invoice Flow.json',
          line: 12,
          column: 8,
          endLine: 12,
          endColumn: 26,
          flow: 'Invoice Flow',
          action: 'HTTP_Post',
          connector: 'http',
          related: [],
        },
        {
          ruleId: 'exfiltration/consumer-connector',
          severity: 'warning',
          message: "'Send_email' sends SharePoint data to Gmail.",
          file: ZIP_ENTRY,
          line: 40,
          column: 4,
          endLine: 40,
          endColumn: 16,
          flow: 'Sync Orders',
          action: 'Send_email',
          connector: 'shared_gmail',
          related: [
            { file: ZIP_ENTRY, line: 20, column: 6, message: "The data is read here by 'Get_items'." },
            { file: 'policies/dlp [prod].json', line: 3, column: 5, message: 'Gmail is not in the business group.' },
          ],
        },
      ],
      unreadable: [{ file: 'flows/broken.json', line: 4, column: 2, message: 'Expected a comma or a closing brace.' }],
      summary: { files: 5, flows: 2, errors: 1, warnings: 1, infos: 1 },
    });
  });

  it('keeps the key order, 2-space indent and a trailing newline, and no notices', () => {
    const text = formatters.json(sampleResult(), OPTIONS);
    const parsed = JSON.parse(text) as Record<string, unknown> & { findings: Record<string, unknown>[] };
    assert.equal(text, `${JSON.stringify(parsed, null, 2)}\n`);
    assert.deepEqual(Object.keys(parsed), ['findings', 'unreadable', 'summary']);
    assert.deepEqual(Object.keys(parsed.findings[0]!), [
      'ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'flow', 'action', 'connector', 'related',
    ]);
    assert.deepEqual(Object.keys(parsed['summary'] as object), ['files', 'flows', 'errors', 'warnings', 'infos']);
    assert.ok(!text.includes('DLP policy'));
  });

  it('prints empty arrays and zero counts for a clean run', () => {
    const result = { ...sampleResult(), findings: [], unreadable: [], notices: [] };
    assert.deepEqual(JSON.parse(formatters.json(result, OPTIONS)), {
      findings: [],
      unreadable: [],
      summary: { files: 5, flows: 2, errors: 0, warnings: 0, infos: 0 },
    });
  });
});
