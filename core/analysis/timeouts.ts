import type { Step } from '../model/types';

/**
 * Built-in actions that run inside the workflow engine, compute their result from values the
 * run already holds, and finish at once: they call no service and cannot wait, so they end
 * Succeeded, Failed or Skipped, never TimedOut. The "run after" statuses are described in
 * https://learn.microsoft.com/azure/logic-apps/error-exception-handling#manage-the-run-after-behavior;
 * time-outs apply to requests the engine sends and to the actions that wait on them (HTTP,
 * connectors, webhooks, child flows: `limit.timeout`, see
 * https://learn.microsoft.com/azure/logic-apps/logic-apps-workflow-actions-triggers#run-actions-synchronously
 * and https://learn.microsoft.com/azure/logic-apps/logic-apps-limits-and-config#run-duration-and-retention-history-limits)
 * and to Until loops (their own `limit.timeout`). Containers (Scope, If, Switch, Foreach) take
 * their status from the actions inside them and are left out, as are Delay, Response and
 * Terminate, where the docs say nothing either way.
 */
const CANNOT_TIME_OUT = new Set([
  'initializevariable',
  'setvariable',
  'incrementvariable',
  'decrementvariable',
  'appendtoarrayvariable',
  'appendtostringvariable',
  'compose',
  'parsejson',
  'select',
  'query',
  'join',
  'table',
  // Date Time, Text Functions and Number Functions actions.
  'expression',
]);

/** Whether `step` can end with status TimedOut. */
export function canTimeOut(step: Step): boolean {
  return !CANNOT_TIME_OUT.has(step.type.toLowerCase());
}
