import { readFileSync } from 'node:fs';
import type { RunContext } from './upload-decision';

/**
 * What the runner tells every step about the run: the webhook payload in the file
 * GITHUB_EVENT_PATH names, and GITHUB_EVENT_NAME, GITHUB_ACTOR and GITHUB_SERVER_URL.
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables#default-environment-variables
 */
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  let event: unknown;
  try {
    if (env.GITHUB_EVENT_PATH) event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    // No payload (a local run, an unreadable file): treated as a repository of unknown visibility.
  }
  return { event, eventName: env.GITHUB_EVENT_NAME, actor: env.GITHUB_ACTOR, serverUrl: env.GITHUB_SERVER_URL };
}
