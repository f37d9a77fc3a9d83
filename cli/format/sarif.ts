import type * as Sarif from 'sarif';
import type { LintResult } from '../../core/engine/result';
import { uniqueNotices } from './notices';
import { ArtifactTable } from './sarif-artifacts';
import { Fingerprints } from './sarif-fingerprint';
import { noticeNotification, unreadableNotification } from './sarif-notifications';
import { toResult } from './sarif-results';
import { RuleTable } from './sarif-rules';
import { directoryUri, SRCROOT } from './sarif-uri';
import type { FormatOptions } from './types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home; the rule documentation under docsUrl() lives in the same repository. */
const INFORMATION_URI = 'https://github.com/flowguard/flowguard';

/** semanticVersion must be SemVer; a build label such as 'dev' is kept in version only. */
function semanticVersion(version: string): string | undefined {
  const bare = version.replace(/^v/, '');
  return /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(bare) ? bare : undefined;
}

/** SARIF 2.1.0 for GitHub code scanning and any SARIF viewer; one run per invocation. */
export function formatSarif(result: LintResult, options: FormatOptions): string {
  const rules = new RuleTable(result.rules);
  const artifacts = new ArtifactTable();
  const fingerprints = new Fingerprints();

  // Results first: they may add stand-in rules and artifacts that the tables below must list.
  const results = result.findings.map((finding) => toResult(finding, { rules, artifacts, fingerprints, baselined: options.baselined }));
  const notifications = [
    ...result.unreadable.map((u) => unreadableNotification(u, artifacts)),
    ...uniqueNotices(result.notices).map((n) => noticeNotification(n, artifacts)),
  ];
  const semver = semanticVersion(options.version);

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'FlowGuard',
        informationUri: INFORMATION_URI,
        version: options.version,
        ...(semver ? { semanticVersion: semver } : {}),
        rules: rules.toArray(),
      },
    },
    invocations: [
      {
        executionSuccessful: result.unreadable.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
    artifacts: artifacts.toArray(),
    results,
    // Ranges are LSP positions, counted in UTF-16 code units like JavaScript strings.
    columnKind: 'utf16CodeUnits',
  };
  const log: Sarif.Log = { version: '2.1.0', $schema: SCHEMA, runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
