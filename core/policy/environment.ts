import type { DlpPolicy, EnvironmentRef } from './types';

/**
 * Whether a policy governs flows deployed to `environment` (a name, GUID, full id or display
 * name, compared without case).
 *
 * With no environment chosen FlowGuard cannot know where the flows will run, so it applies every
 * policy that could govern an environment nobody named: policies for all environments, and
 * ExceptEnvironments policies, which cover every environment they do not exclude. Only and Single
 * policies are left out, since they govern just the environments they list.
 */
export function appliesTo(policy: DlpPolicy, environment: string | undefined): boolean {
  const scope = policy.scope;
  if (scope.type === 'all') return true;
  if (environment === undefined || environment.trim() === '') return scope.type === 'except';
  const listed = scope.environments.some((ref) => matches(ref, environment));
  return scope.type === 'except' ? !listed : listed;
}

/** Whether a policy scoped to named environments names `environment` (to include or to exclude it). */
export function listsEnvironment(policy: DlpPolicy, environment: string): boolean {
  const scope = policy.scope;
  return scope.type !== 'all' && scope.environments.some((ref) => matches(ref, environment));
}

/** The policies that apply to `environment`, in their given order. */
export function selectPolicies(policies: readonly DlpPolicy[], environment: string | undefined): DlpPolicy[] {
  return policies.filter((p) => appliesTo(p, environment));
}

function matches(ref: EnvironmentRef, environment: string): boolean {
  const wanted = environment.trim().toLowerCase();
  const wantedName = lastSegment(wanted);
  // Names and ids compare by their last segment, so a full id matches on either side; display
  // names compare whole, since they may contain a slash.
  const byName = [ref.name, ref.id].some((c) => c !== undefined && lastSegment(c.trim().toLowerCase()) === wantedName);
  return byName || ref.displayName?.trim().toLowerCase() === wanted;
}

/** Environment ids are paths ending in the name: '/providers/.../environments/Default-<tenant>'. */
function lastSegment(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}
