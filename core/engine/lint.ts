import type { Finding, Fix, Notice, Unreadable } from '../findings';
import type { Config, RuleSetting } from '../config/types';
import type { Flow } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import { rangeOf } from '../artifacts/source';
import { WorkspaceIndex } from '../analysis/workspace-index';
import type { LintContext, LocatedReport, Report, ReportedFixes, Rule, SolutionLintContext, SolutionTarget } from './rule';
import { effectiveSetting } from './severity';
import { compareFindings } from './sort';
import { applySuppressions } from './suppressions';
import { redactFinding, redactUnreadable } from './redact-finding';

export interface LintOptions {
  rules: readonly Rule[];
  /** The policies that apply to the chosen environment. */
  policies: readonly DlpPolicy[];
  config: Config;
  /** --rule ID=severity from the command line. */
  overrides?: Record<string, RuleSetting>;
  /** --no-suppressions: report everything, for an audit. */
  ignoreSuppressions?: boolean;
  /** The run's flows, for rules that follow child flows; a flow linted alone is a workspace of one. */
  workspace?: WorkspaceIndex;
  /**
   * False when no one will look at the findings' fixes (the CLI without --fix or --fix-dry-run):
   * they are then not computed, and findings carry none. Everything else about them is the same.
   */
  fixes?: boolean;
}

/** The fixes a finding gets: none when they are not wanted, else the rule's, computed now. */
function fixesOf(reported: ReportedFixes | undefined, wanted: boolean | undefined): Fix[] | undefined {
  if (!reported || wanted === false) return undefined;
  const fixes = typeof reported === 'function' ? reported() : reported;
  return fixes.length > 0 ? fixes : undefined;
}

export interface FlowLintResult {
  findings: Finding[];
  /** A rule that threw: a bug in FlowGuard, reported against the file so the run still fails loudly. */
  errors: Unreadable[];
  /** What rules said that is not a finding (see LintContext.notice), each message once. */
  notices?: Notice[];
}

function toFinding(flow: Flow, rule: Rule, severity: Exclude<RuleSetting, 'off'>, report: Report, wantFixes: boolean | undefined): Finding {
  const source = flow.doc.source;
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity,
    message: report.message,
    file: source.path,
    range: rangeOf(source, report.span ?? { offset: report.node.offset, length: report.node.length }),
    flow: flow.displayName,
  };
  if (report.step) finding.action = report.step.name;
  const connector = report.connector ?? report.step?.connector?.id;
  if (connector) finding.connector = connector;
  if (report.related?.length) finding.related = report.related;
  const fixes = fixesOf(report.fixes, wantFixes);
  if (fixes) finding.fixes = fixes;
  if (report.data) finding.data = report.data;
  return finding;
}

/** Runs every enabled rule on one flow; rules are pure, so the result depends on the inputs only. */
export function lintFlow(flow: Flow, options: LintOptions): FlowLintResult {
  const findings: Finding[] = [];
  const errors: Unreadable[] = [];
  const notices = new Set<string>();
  const workspace = options.workspace?.has(flow.doc.source.path) ? options.workspace : WorkspaceIndex.ofFlows([flow]);
  for (const rule of options.rules) {
    const setting = effectiveSetting(rule.meta, options.config, options.overrides);
    if (setting === 'off') continue;
    if (rule.meta.needsPolicy && options.policies.length === 0) continue;
    const ctx: LintContext = {
      flow,
      workspace,
      policies: options.policies,
      config: options.config,
      report: (report) => findings.push(toFinding(flow, rule, setting, report, options.fixes)),
      notice: (message) => notices.add(message),
    };
    if (!rule.check) continue;
    try {
      rule.check(ctx);
    } catch (error) {
      errors.push(internalError(flow.doc.source.path, rule, error));
    }
  }
  if (!options.ignoreSuppressions) applySuppressions(findings, options.config, flow);
  const result = redacted(findings, errors);
  return notices.size > 0 ? { ...result, notices: [...notices].map((message) => ({ message })) } : result;
}

/**
 * Masked only now: suppressions match the names as the files write them. From here on no finding
 * holds a whole secret, whichever front end shows it (see redact-finding.ts).
 */
function redacted(findings: Finding[], errors: Unreadable[], sort = true): FlowLintResult {
  const masked = findings.map(redactFinding);
  if (sort) masked.sort(compareFindings);
  return { findings: masked, errors: errors.map(redactUnreadable) };
}

function internalError(file: string, rule: Rule, error: unknown): Unreadable {
  const message = error instanceof Error ? error.message : String(error);
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `Internal error in rule ${rule.meta.id}: ${message}. Please report it.` };
}

function targetFile(target: SolutionTarget): string {
  return target.kind === 'solution' ? target.solution.path : target.settings.doc.source.path;
}

/** Runs the rules that look at a solution's own files (environment variables) or deployment settings. */
export function lintSolutionTarget(target: SolutionTarget, options: LintOptions): FlowLintResult {
  const findings: Finding[] = [];
  const errors: Unreadable[] = [];
  for (const rule of options.rules) {
    const setting = effectiveSetting(rule.meta, options.config, options.overrides);
    if (setting === 'off' || !rule.checkSolution) continue;
    if (rule.meta.needsPolicy && options.policies.length === 0) continue;
    const ctx: SolutionLintContext = {
      target,
      policies: options.policies,
      config: options.config,
      report: (report: LocatedReport) => {
        const finding: Finding = {
          ruleId: rule.meta.id,
          severity: setting,
          message: report.message,
          file: report.at.source.path,
          range: rangeOf(report.at.source, report.at.span),
        };
        if (report.flow) finding.flow = report.flow;
        if (report.related?.length) finding.related = report.related;
        const fixes = fixesOf(report.fixes, options.fixes);
        if (fixes) finding.fixes = fixes;
        if (report.data) finding.data = report.data;
        findings.push(finding);
      },
    };
    try {
      rule.checkSolution(ctx);
    } catch (error) {
      errors.push(internalError(targetFile(target), rule, error));
    }
  }
  if (!options.ignoreSuppressions) applySuppressions(findings, options.config);
  return redacted(findings, errors);
}

/** Runs the rules that look at flowguard.json itself. */
export function lintConfig(options: LintOptions): FlowLintResult {
  const findings: Finding[] = [];
  const errors: Unreadable[] = [];
  for (const rule of options.rules) {
    const setting = effectiveSetting(rule.meta, options.config, options.overrides);
    if (setting === 'off' || !rule.checkConfig) continue;
    try {
      rule.checkConfig({
        config: options.config,
        report: (report: LocatedReport) =>
          findings.push({ ruleId: rule.meta.id, severity: setting, message: report.message, file: report.at.source.path, range: rangeOf(report.at.source, report.at.span), ...(report.data ? { data: report.data } : {}) }),
      });
    } catch (error) {
      errors.push(internalError(options.config.file ?? 'flowguard.json', rule, error));
    }
  }
  return redacted(findings, errors, false);
}
