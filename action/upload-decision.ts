import type { UploadChoice } from './inputs';

// Whether this run can upload SARIF to code scanning, told from what every job already has (the
// event payload, the event name, the actor and the server URL) and no API call, so the action
// needs no permission beyond security-events: write for the upload itself:
// - code scanning is free on public repositories of github.com; private and internal ones need
//   GitHub Advanced Security (Code Security), and an upload without it fails with "Advanced
//   Security must be enabled for this repository to use code scanning"
//   (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/uploading-a-sarif-file-to-github).
//   Only `repository.visibility` is trusted: internal repositories report `private: false` too.
//   Whether a private repository has Advanced Security is not in the payload, and reading it from
//   the API takes administration permission, so `auto` annotates there; `upload-sarif: true` uploads.
// - pull requests from forks, and Dependabot's, get a read-only GITHUB_TOKEN, which cannot upload
//   (https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token).
// - GitHub Enterprise Server and GHE.com need Advanced Security whatever the visibility.
// Should an upload still fail, action.yml annotates from the same run instead (the upload step
// continues on error), so findings are never lost and never shown twice.

export interface RunContext {
  /** The parsed GITHUB_EVENT_PATH file, when there is one. */
  event?: unknown;
  eventName?: string;
  actor?: string;
  serverUrl?: string;
}

export interface UploadDecision {
  upload: boolean;
  /** One sentence for the log: why the findings go to code scanning or to annotations. */
  reason: string;
}

const READ_ONLY_ON_FORKS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

function field(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function readOnlyToken(context: RunContext): string | undefined {
  if (!READ_ONLY_ON_FORKS.has(context.eventName ?? '')) return undefined;
  if (context.actor === 'dependabot[bot]') return "Dependabot's pull requests get a read-only token";
  const base = field(context.event, 'repository', 'full_name');
  const head = field(context.event, 'pull_request', 'head', 'repo', 'full_name');
  // A fork that was deleted leaves head.repo null: still not this repository.
  if (field(context.event, 'pull_request') !== undefined && head !== base) return 'a pull request from a fork gets a read-only token';
  return undefined;
}

function automatic(context: RunContext): UploadDecision {
  const server = (context.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  if (server !== 'https://github.com') {
    return { upload: false, reason: `code scanning on ${server} needs GitHub Advanced Security, which a workflow cannot see; set upload-sarif: true where it is enabled` };
  }
  const visibility = field(context.event, 'repository', 'visibility');
  if (visibility !== 'public') {
    const which = typeof visibility === 'string' ? `a ${visibility} repository` : 'a repository whose visibility the event does not give';
    return { upload: false, reason: `code scanning in ${which} needs GitHub Advanced Security, which a workflow cannot see; set upload-sarif: true where it is enabled` };
  }
  const readOnly = readOnlyToken(context);
  if (readOnly) return { upload: false, reason: `${readOnly}, which cannot upload to code scanning` };
  return { upload: true, reason: 'code scanning is available in this public repository' };
}

export function decideUpload(choice: UploadChoice, context: RunContext): UploadDecision {
  if (choice === 'true') return { upload: true, reason: 'upload-sarif is true' };
  if (choice === 'false') return { upload: false, reason: 'upload-sarif is false' };
  return automatic(context);
}
