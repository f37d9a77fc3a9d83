import type { LintResult } from '../../../core/engine/result';
import type { RuleMeta } from '../../../core/engine/rule';
import type { Range } from '../../../core/text/range';
import type { FormatOptions } from '../../../cli/format';

/** A range on one line, 0-based as the engine keeps it. */
export function at(line: number, character: number, endCharacter = character): Range {
  return { start: { line, character }, end: { line, character: endCharacter } };
}

export const RULES: RuleMeta[] = [
  {
    id: 'secrets/hardcoded-secret',
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'Secrets written into a flow.',
    help: 'A key in a flow is readable by everyone who can export it. Move it to Azure Key Vault.',
    fixable: false,
    security: { severity: 9.1 },
    precision: 'very-high',
    tags: ['security', 'external/cwe/cwe-798'],
    key: ['kind', 'field'],
  },
  {
    id: 'exfiltration/consumer-connector',
    category: 'exfiltration',
    defaultSeverity: 'warning',
    description: 'Business data sent through a consumer connector.',
    help: 'Consumer services are outside the tenant. Send through a business connector instead.',
    fixable: false,
    security: { severity: 8 },
    precision: 'high',
    tags: ['security'],
    key: ['source'],
  },
  {
    id: 'error-handling/no-failure-path',
    category: 'error-handling',
    defaultSeverity: 'info',
    description: 'Flows that fail without telling anyone.',
    help: 'Add a scope that runs after a failure and notifies the owner.',
    fixable: true,
    precision: 'high',
    tags: ['reliability'],
    key: [],
  },
];

export const ZIP_ENTRY = 'solutions/Contoso Sales.zip!Workflows/Sync Orders-1A2B.json';

/**
 * Three findings and one unreadable file: one in a plain file with an action, one inside a
 * zip entry with related locations (one of them in the same entry), one flow-level.
 */
export function sampleResult(): LintResult {
  return {
    findings: [
      {
        ruleId: 'error-handling/no-failure-path',
        severity: 'info',
        message: "Flow 'Invoice Flow' has no step that runs after a failure.",
        file: 'flows/Invoice Flow.json',
        range: at(2, 2, 14),
        flow: 'Invoice Flow',
      },
      {
        ruleId: 'secrets/hardcoded-secret',
        severity: 'error',
        message: "Header 'x-api-key' of 'HTTP_Post' holds a key (sk_l…9Qz). Move it to Key Vault.",
        file: 'flows/Invoice Flow.json',
        range: at(11, 7, 25),
        flow: 'Invoice Flow',
        action: 'HTTP_Post',
        connector: 'http',
      },
      {
        ruleId: 'exfiltration/consumer-connector',
        severity: 'warning',
        message: "'Send_email' sends SharePoint data to Gmail.",
        file: ZIP_ENTRY,
        range: at(39, 3, 15),
        flow: 'Sync Orders',
        action: 'Send_email',
        connector: 'shared_gmail',
        related: [
          { file: ZIP_ENTRY, range: at(19, 5, 20), message: "The data is read here by 'Get_items'." },
          { file: 'policies/dlp [prod].json', range: at(2, 4, 9), message: 'Gmail is not in the business group.' },
        ],
      },
    ],
    unreadable: [{ file: 'flows/broken.json', range: at(3, 1), message: 'Expected a comma or a closing brace.' }],
    notices: [
      { message: 'No DLP policy found; add "policies" to flowguard.json to check DLP rules.' },
      { file: 'flows/Desktop.json', message: 'Skipped desktop flow "Scrape portal".' },
      { message: 'No DLP policy found; add "policies" to flowguard.json to check DLP rules.' },
    ],
    files: 5,
    flows: 2,
    rules: RULES,
  };
}

export const OPTIONS: FormatOptions = { color: false, cwd: '/work/repo', version: '0.1.0' };
