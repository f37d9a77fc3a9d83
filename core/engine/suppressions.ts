import { compileGlob, type GlobMatcher } from '../project/glob-match';
import * as path from 'node:path';
import { prop, str } from '../artifacts/json';
import { rangeOf } from '../artifacts/source';
import { toSlashes } from '../artifacts/paths';
import type { Config, ConfigException } from '../config/types';
import { decodeJsonString } from '../expressions/json-string';
import type { Finding, Suppression } from '../findings';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import type { Span } from '../text/range';

/** `flowguard-disable <rule-id>[, <rule-id>...] -- reason` in an action's note (its description). */
const DIRECTIVE = /flowguard-disable\s+([a-z0-9*][a-z0-9*/-]*(?:\s*,\s*[a-z0-9*][a-z0-9*/-]*)*)(?:\s+--\s*([^\n]*))?/gi;

export interface NoteDirective {
  step: Step;
  rules: string[];
  reason?: string;
  /** The directive's text in the file. */
  span: Span;
}

/** The directives written in a step's note; a note survives a round trip through the designer. */
export function noteDirectives(flow: Flow, step: Step): NoteDirective[] {
  const node = prop(step.node, 'description');
  if (!node || str(node) === undefined) return [];
  const decoded = decodeJsonString(node, flow.doc.source.text);
  const out: NoteDirective[] = [];
  for (const match of decoded.text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    const end = start + match[0].trimEnd().length;
    const reason = match[2]?.trim();
    out.push({
      step,
      rules: (match[1] ?? '').split(',').map((r) => r.trim().toLowerCase()).filter(Boolean),
      reason: reason ? reason : undefined,
      span: { offset: decoded.at(start), length: decoded.at(end) - decoded.at(start) },
    });
  }
  return out;
}

/** The directives of a flow's steps, read once per flow for the suppressions and the rule that checks their reasons. */
export interface FlowDirectives {
  /** The steps with a directive in their note, in step order, each with its directives. */
  steps: { step: Step; directives: NoteDirective[] }[];
  /** By step name; as a map made of every step, a later step of a name replaces an earlier one. */
  byName: ReadonlyMap<string, NoteDirective[]>;
}

export const flowDirectives: (flow: Flow) => FlowDirectives = perFlow((flow) => {
  const steps: FlowDirectives['steps'] = [];
  const byName = new Map<string, NoteDirective[]>();
  // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
  for (let i = 0; i < flow.steps.length; i++) {
    const step = flow.steps[i] as Step;
    const directives = noteDirectives(flow, step);
    if (directives.length > 0) steps.push({ step, directives });
    if (directives.length > 0 || byName.has(step.name)) byName.set(step.name, directives);
  }
  return { steps, byName };
});

function ruleMatches(pattern: string, ruleId: string): boolean {
  const p = pattern.toLowerCase();
  return p === '*' || p === ruleId || (p.endsWith('/*') && ruleId.startsWith(p.slice(0, -1)));
}

// Compiled once per glob, not once per finding: a workspace may have 100,000 findings.
const fileMatchers = new Map<string, GlobMatcher>();

/** A glob that flowguard.json validation let through; one that still fails to compile matches nothing. */
function fileMatcher(glob: string): GlobMatcher {
  let matcher = fileMatchers.get(glob);
  if (!matcher) {
    try {
      matcher = compileGlob(glob, { dot: true });
    } catch {
      matcher = () => false;
    }
    if (fileMatchers.size > 10_000) fileMatchers.clear();
    fileMatchers.set(glob, matcher);
  }
  return matcher;
}

function exceptionMatches(exception: ConfigException, finding: Finding, config: Config): boolean {
  if (!ruleMatches(exception.rule, finding.ruleId)) return false;
  if (exception.flow && exception.flow.toLowerCase() !== finding.flow?.toLowerCase()) return false;
  if (exception.action && exception.action !== finding.action) return false;
  if (exception.file) {
    const archive = finding.file.split('!')[0] ?? finding.file;
    const relative = toSlashes(path.relative(config.root, path.resolve(archive)));
    const isMatch = fileMatcher(exception.file);
    if (!isMatch(relative) && !isMatch(finding.file)) return false;
  }
  return true;
}

function fromException(exception: ConfigException): Suppression {
  return { kind: 'config', reason: exception.reason, file: exception.at.source.path, range: rangeOf(exception.at.source, exception.at.span) };
}

/**
 * Marks the findings that flowguard.json's `exceptions` or an action's note accept. Suppressed
 * findings stay in the result (SARIF reports them as suppressed); the other outputs skip them.
 */
export function applySuppressions(findings: Finding[], config: Config, flow?: Flow): void {
  const notes = flow ? flowDirectives(flow).byName : undefined;
  // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
  for (let f = 0; f < findings.length; f++) {
    const finding = findings[f] as Finding;
    const exception = config.exceptions.find((e) => exceptionMatches(e, finding, config));
    if (exception) {
      finding.suppressed = fromException(exception);
      continue;
    }
    const directive = finding.action ? notes?.get(finding.action)?.find((d) => d.rules.some((r) => ruleMatches(r, finding.ruleId))) : undefined;
    if (directive && flow) {
      finding.suppressed = { kind: 'note', reason: directive.reason, file: flow.doc.source.path, range: rangeOf(flow.doc.source, directive.span) };
    }
  }
}
