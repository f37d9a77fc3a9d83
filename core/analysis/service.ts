import type { Step } from '../model/types';

/**
 * An action that calls a service and so can fail or time out for reasons outside the flow:
 * any connector action, HTTP, and child flows. Built-ins that only compute (Compose, variables,
 * conditions, scopes) are not.
 */
export function callsService(step: Step): boolean {
  if (step.kind !== 'action') return false;
  return step.connector !== undefined || step.type.toLowerCase() === 'workflow';
}
