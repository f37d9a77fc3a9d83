import type { Step } from '../model/types';
import { callsService } from './service';

/**
 * Actions that hold a loop's iteration back: Delay and Delay until (`"type": "Wait"`), and the
 * webhook actions, which pause the run until the service calls back
 * (https://learn.microsoft.com/azure/logic-apps/logic-apps-workflow-actions-triggers#httpwebhook-action,
 * approvals and "send email with options" are OpenApiConnectionWebhook).
 */
const PAUSING = new Set(['wait', 'httpwebhook', 'apiconnectionwebhook', 'openapiconnectionwebhook']);

/** Every action inside a container, at any depth, in document order. */
export function bodyOf(container: Step): Step[] {
  const out: Step[] = [];
  const visit = (step: Step): void => {
    for (const child of step.children) {
      out.push(child);
      visit(child);
    }
  };
  visit(container);
  return out;
}

export interface LoopPacing {
  /** The actions inside the loop that call a service (connectors, HTTP, child flows). */
  calls: Step[];
  /** The first action inside the loop that waits, on any branch: a Delay or a webhook. */
  pause?: Step;
}

/** What a loop's body sends out each iteration, and whether anything in it waits between sends. */
export function loopPacing(loop: Step): LoopPacing {
  const body = bodyOf(loop);
  const pause = body.find((s) => PAUSING.has(s.type.toLowerCase()));
  const calls = body.filter(callsService);
  return pause ? { calls, pause } : { calls };
}
