import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import { factsOf, SOURCE } from './diagnostics';

/** The rule id of a FlowGuard finding's diagnostic; undefined for other diagnostics and for file problems. */
export function ruleOf(diagnostic: Diagnostic): string | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string' || data?.ruleId !== diagnostic.code) return undefined;
  return diagnostic.code;
}

function sameFacts(a: Record<string, unknown>, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const other = b as Record<string, unknown>;
  const keys = Object.keys(a);
  return keys.length === Object.keys(other).length && keys.every((k) => a[k] === other[k]);
}

const samePlace = (f: Finding, d: Diagnostic): boolean =>
  f.range.start.line === d.range.start.line && f.range.start.character === d.range.start.character &&
  f.range.end.line === d.range.end.line && f.range.end.character === d.range.end.character;

/**
 * The finding a diagnostic was published for, found by its code and facts (rule, flow, action,
 * data), never by its message; the range only tells apart findings whose facts are the same.
 */
export function findingOf(diagnostic: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const rule = ruleOf(diagnostic);
  if (!rule) return undefined;
  const candidates = findings.filter((f) => f.ruleId === rule && sameFacts(factsOf(f), diagnostic.data));
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((f) => samePlace(f, diagnostic));
}
