import { listsEnvironment } from '../core/policy/environment';
import type { DlpPolicy, EnvironmentRef } from '../core/policy/types';
import { redactText } from '../core/secrets/redact';
import { CliError } from './errors';
import { visibleControls } from './format/control-text';

/** A tenant lists many environments; the message names this many and counts the rest. */
const MAX_NAMES = 20;

function nameOf(ref: EnvironmentRef): string | undefined {
  return ref.displayName ?? ref.name ?? ref.id;
}

/** Every environment the scoped policies name, once each (ignoring case), in the order they name them. */
function namedEnvironments(scoped: readonly DlpPolicy[]): string[] {
  const seen = new Map<string, string>();
  for (const policy of scoped) {
    if (policy.scope.type === 'all') continue;
    for (const ref of policy.scope.environments) {
      const name = nameOf(ref);
      if (name !== undefined && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
    }
  }
  return [...seen.values()];
}

/**
 * --environment only selects among policies scoped to named environments. When some policy is
 * scoped and none names the environment given, that name selects exactly what naming no
 * environment would, so it is almost surely a typo: the run stops and lists the names the
 * policies use. Policies for all environments apply anywhere and name none, so with only those
 * any environment is fine.
 */
export function checkEnvironment(environment: string | undefined, policies: readonly DlpPolicy[]): void {
  if (environment === undefined || environment.trim() === '') return;
  const scoped = policies.filter((p) => p.scope.type !== 'all');
  if (scoped.length === 0 || scoped.some((p) => listsEnvironment(p, environment))) return;
  const names = namedEnvironments(scoped);
  const shown = names.slice(0, MAX_NAMES).map((n) => `"${visibleControls(redactText(n))}"`).join(', ');
  const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '';
  throw new CliError(
    `--environment "${visibleControls(redactText(environment))}": no DLP policy names this environment. The policies scoped to environments name ${shown}${more} (by name, id or display name, in any case).`,
  );
}
