import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../core/artifacts/decode';
import type { Rule } from '../../core/engine/rule';
import { applyEdits } from '../../core/fixes/apply-edits';
import type { Finding, Fix } from '../../core/findings';
import { allRules } from '../../rules';
import { FIXTURES, flowFromText, runRule } from './fixtures';

export type Layout = 'as written' | 'CRLF with BOM' | 'one line';
export const LAYOUTS: Layout[] = ['as written', 'CRLF with BOM', 'one line'];

/** A fixture's text laid out another way: Windows line endings with a byte order mark, or minified. */
export function laidOut(text: string, layout: Layout): string {
  if (layout === 'CRLF with BOM') return `\uFEFF${text.replace(/^\uFEFF/, '').replace(/\r?\n/g, '\r\n')}`;
  if (layout === 'one line') return JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, '')));
  return text;
}

export function fixtureText(rel: string): string {
  const source = decodeText(rel, new Uint8Array(readFileSync(path.join(FIXTURES, rel))));
  return (source.hadBom ? '\uFEFF' : '') + source.text;
}

export function fixtureFiles(ruleId: string): string[] {
  return readdirSync(path.join(FIXTURES, ruleId)).filter((f) => f.endsWith('.json')).sort();
}

/** A finding as a user tells it apart from the others: rule, action and facts. */
export const keyOf = (f: Finding): string => JSON.stringify([f.ruleId, f.action ?? '', f.data ?? {}]);

const count = (findings: Finding[], key: string): number => findings.filter((f) => keyOf(f) === key).length;

/** Line breaks of the fixed text are those of the original: all CRLF, all LF, or none. */
export function assertSameLineEndings(original: string, fixed: string): void {
  if (!/[\r\n]/.test(original.trimEnd())) assert.ok(!/[\r\n]/.test(fixed.trimEnd()), 'one-line JSON stays on one line');
  else if (original.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(fixed), 'every line ends with CRLF');
  else assert.ok(!fixed.includes('\r'), 'every line ends with LF');
}

/**
 * Applies one fix to the flow text it was offered on and checks what a user would: the result is
 * JSON laid out as before, the finding is gone, and no reliability finding (a dangling reference,
 * a broken expression) came with it. Returns the fixed text.
 */
export function applyAndRecheck(rule: Rule, text: string, finding: Finding, fix: Fix): string {
  const flow = flowFromText(text, finding.file);
  const before = runRule(rule, flow, []);
  assert.ok(fix.edits.every((e) => e.file === finding.file), 'the fix edits the finding\'s own file');
  const fixed = applyEdits(flow.doc.source.text, fix.edits);
  assert.doesNotThrow(() => JSON.parse(fixed), `fixed text is JSON:\n${fixed}`);
  assertSameLineEndings(flow.doc.source.text, fixed);
  const refixed = flowFromText(fixed, finding.file);
  const after = runRule(rule, refixed, []);
  assert.equal(count(after, keyOf(finding)), count(before, keyOf(finding)) - 1, `'${fix.title}' removes the finding ${keyOf(finding)}`);
  const reliability = (findings: Finding[]) => findings.filter((f) => f.ruleId.startsWith('reliability/')).map(keyOf);
  const others = allRules.filter((r) => r.meta.id.startsWith('reliability/'));
  assert.deepEqual(reliability(others.flatMap((r) => runRule(r, refixed, []))), reliability(others.flatMap((r) => runRule(r, flow, []))));
  return fixed;
}
