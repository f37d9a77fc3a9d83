import { prop, type JsonNode } from '../artifacts/json';
import type { Step } from '../model/types';
import { shortestSeconds } from '../text/iso-duration';

/**
 * The platform's bounds on a Do until (`"type": "Until"`, `"limit": {"count", "timeout"}`).
 * Power Automate's limits page ("Until iterations": default 60, maximum 5,000; "Run duration":
 * 30 days) at https://learn.microsoft.com/power-automate/limits-and-config#concurrency-looping-and-debatching-limits,
 * and the Logic Apps page it is built on (Until loop: iterations default 60, min 1, max 5,000;
 * time-out default PT1H, ISO 8601) at https://learn.microsoft.com/azure/logic-apps/logic-apps-limits-and-config#until-loop.
 * Neither gives a maximum time-out: only the run's own 30-day limit bounds it.
 */
export const UNTIL_COUNT = { default: 60, min: 1, max: 5_000 } as const;
export const UNTIL_TIMEOUT_DEFAULT = 'PT1H';
export const RUN_DURATION_DAYS = 30;
export const RUN_DURATION_SECONDS = RUN_DURATION_DAYS * 86_400;

/**
 * One limit as the loop sets it: left out (the default applies), written as a value, or
 * computed by an expression at run time (an environment variable, a parameter), which the
 * export cannot tell.
 */
export type LimitSetting<T> =
  | { kind: 'default'; value: T }
  | { kind: 'literal'; value: T; node: JsonNode; text: string }
  | { kind: 'computed'; node: JsonNode }
  | { kind: 'unreadable'; node: JsonNode };

export interface UntilLimits {
  /** Iterations. */
  count: LimitSetting<number>;
  /** Seconds, at their shortest (see core/text/iso-duration.ts). */
  timeout: LimitSetting<number>;
}

function isExpression(value: string): boolean {
  return value.startsWith('@') || value.includes('@{');
}

function readCount(node: JsonNode | undefined): LimitSetting<number> {
  if (!node) return { kind: 'default', value: UNTIL_COUNT.default };
  if (node.type === 'number') return { kind: 'literal', value: node.value as number, node, text: String(node.value) };
  if (node.type !== 'string') return { kind: 'unreadable', node };
  const text = node.value as string;
  if (isExpression(text)) return { kind: 'computed', node };
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? { kind: 'literal', value, node, text } : { kind: 'unreadable', node };
}

function readTimeout(node: JsonNode | undefined): LimitSetting<number> {
  if (!node) return { kind: 'default', value: shortestSeconds(UNTIL_TIMEOUT_DEFAULT) as number };
  if (node.type !== 'string') return { kind: 'unreadable', node };
  const text = node.value as string;
  if (isExpression(text)) return { kind: 'computed', node };
  const value = shortestSeconds(text);
  return value === undefined ? { kind: 'unreadable', node } : { kind: 'literal', value, node, text };
}

/** What bounds an Until loop. */
export function untilLimits(loop: Step): UntilLimits {
  const limit = prop(loop.node, 'limit');
  return { count: readCount(prop(limit, 'count')), timeout: readTimeout(prop(limit, 'timeout')) };
}

export function isUntil(step: Step): boolean {
  return step.kind === 'action' && step.type.toLowerCase() === 'until';
}

/** The limits as a maker reads them: '60 iterations (the default) or PT1H (the default)'. */
export function describeLimits(limits: UntilLimits): string {
  const count =
    limits.count.kind === 'default' ? `${UNTIL_COUNT.default} iterations (the default)` : limits.count.kind === 'literal' ? `${limits.count.text} iterations` : 'its count';
  const timeout =
    limits.timeout.kind === 'default' ? `${UNTIL_TIMEOUT_DEFAULT} (the default)` : limits.timeout.kind === 'literal' ? limits.timeout.text : 'its timeout';
  return `${count} or ${timeout}`;
}
