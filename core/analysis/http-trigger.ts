import { prop, str } from '../artifacts/json';
import { BUILTIN_HTTP_REQUEST_RECEIVED } from '../connectors/id';
import type { Flow, Step } from '../model/types';

/** Why anyone holding the URL can call an HTTP request trigger, or undefined when they cannot. */
export function anonymousTriggerReason(step: Step): { reason: string; authentication: string } | undefined {
  if (step.connector?.id !== BUILTIN_HTTP_REQUEST_RECEIVED) return undefined;
  const type = str(prop(step.inputs, 'triggerAuthenticationType'))?.toLowerCase();
  const users = str(prop(step.inputs, 'triggerAllowedUsers'))?.trim() ?? '';
  if (type === undefined) return { reason: 'has no triggerAuthenticationType, the legacy setting that lets anyone with the URL call it', authentication: 'absent' };
  if (type === 'all') return { reason: "is set to 'Anyone' (triggerAuthenticationType All)", authentication: 'all' };
  if (type === 'user' && users === '') return { reason: 'is set to specific users but lists none, so it falls back to the whole tenant', authentication: 'user' };
  return undefined;
}

/** The trigger anyone can call, if the flow has one. */
export function anonymousTrigger(flow: Flow): Step | undefined {
  return flow.triggers.find((t) => {
    const why = anonymousTriggerReason(t);
    return why !== undefined && why.authentication !== 'user';
  });
}
