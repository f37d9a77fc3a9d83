import type * as Sarif from 'sarif';
import type { LintResult } from '../../core/engine/result';
import { PROJECT_HOME } from '../../core/project-home';
import { uniqueNotices } from './notices';
import { ArtifactTable } from './sarif-artifacts';
import { LineHashes } from './sarif-fingerprint';
import { noticeNotification, unreadableNotification } from './sarif-notifications';
import { toResult } from './sarif-results';
import { RuleTable } from './sarif-rules';
import { directoryUri, SRCROOT } from './sarif-uri';
import type { FormatOptions } from './types';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home; the rule documentation under docsUrl() lives in the same repository. */
const INFORMATION_URI = PROJECT_HOME;

/** semanticVersion must be SemVer; a build label such as 'dev' is kept in version only. */
function semanticVersion(version: string): string | undefined {
  const bare = version.replace(/^v/, '');
  return /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(bare) ? bare : undefined;
}

/** SARIF 2.1.0 for GitHub code scanning and any SARIF viewer; one run per invocation. */
export function formatSarif(result: LintResult, options: FormatOptions): string {
  const rules = new RuleTable(result.rules);
  const root = options.sarifRoot ?? options.cwd;
  const artifacts = new ArtifactTable({ cwd: options.cwd, root });
  const lineHashes = new LineHashes(result.rules);

  // Results first: they may add stand-in rules and artifacts that the tables below must list.
  const results = result.findings.map((finding) => toResult(finding, { rules, artifacts, lineHashes, baselined: options.baselined }));
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
        // Where FlowGuard ran; the relative URIs start at the repository root instead.
        workingDirectory: { uri: directoryUri(options.cwd) },
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root), description: { text: 'The root of the repository the linted files are in.' } } },
    artifacts: artifacts.toArray(),
    results,
    // Ranges are LSP positions, counted in UTF-16 code units like JavaScript strings.
    columnKind: 'utf16CodeUnits',
  };
  const log: Sarif.Log = { version: '2.1.0', $schema: SCHEMA, runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
