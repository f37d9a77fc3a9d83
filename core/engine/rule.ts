import type { Fix, RelatedLocation, Severity } from '../findings';
import type { JsonNode } from '../artifacts/json';
import type { DeploymentSettings, Flow, Solution, SourceRef, Step } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import type { Config } from '../config/types';
import type { Span } from '../text/range';
import type { WorkspaceIndex } from '../analysis/workspace-index';
import { RULE_DOCS_BASE } from '../project-home';

export type RuleCategory = 'dlp' | 'secrets' | 'exfiltration' | 'error-handling' | 'reliability' | 'suppressions';

export interface RuleMeta {
  /** Same as the rule's path under rules/: 'dlp/blocked-connector'. */
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** A paragraph: why it matters and how to fix it (SARIF fullDescription and help). */
  help: string;
  /** True only when the rule attaches a fix (quick fix, and --fix when it is safe) to its findings. */
  fixable: boolean;
  /** True for rules that say nothing without a DLP policy. */
  needsPolicy?: boolean;
  /**
   * Set only for rules whose findings are security problems: they are tagged `security` and
   * ranked by this score (above 0 and at most 10; GitHub reads 9.0 and over as critical, 7.0 high,
   * 4.0 medium, below that low). Rules without it are quality results (reliability, maintainability).
   */
  security?: { severity: number };
  /** How often a finding of the rule is true, as measured on the real exports of the corpus. */
  precision: RulePrecision;
  /**
   * Tags for filtering (SARIF properties.tags): `security` and CWE ids (`external/cwe/cwe-798`) for
   * security rules, `reliability`, `maintainability` or `correctness` for quality rules.
   */
  tags: readonly string[];
  /**
   * The `data` fields that, with the rule, file, flow, action and connector, tell one finding of
   * the rule from another (SARIF's primaryLocationLineHash). Only facts that stay the same while the
   * problem does: never a count, a hop number or a policy rule's order; never a value that must
   * not be published, even hashed.
   */
  key: readonly string[];
}

/** SARIF's precision scale (GitHub orders alerts by it). */
export type RulePrecision = 'very-high' | 'high' | 'medium' | 'low';

/** What a rule reports; the engine adds the file, flow, severity and range. */
export type Report = ReportBody & (
  /** The node the finding points at. */
  | { node: JsonNode; span?: undefined }
  /** Or a span of the flow's text, for a part of a string (an expression, a secret). */
  | { span: Span; node?: undefined }
);

/**
 * A finding's fixes, or a function that computes them: rendering an edit in the file's own layout
 * costs time that only a front end applying or offering fixes needs (LintOptions.fixes), so a
 * rule hands over the function and the engine calls it only then. Empty means no fix.
 */
export type ReportedFixes = Fix[] | (() => Fix[]);

export interface ReportBody {
  message: string;
  step?: Step;
  connector?: string;
  related?: RelatedLocation[];
  fixes?: ReportedFixes;
  data?: Record<string, string | number | boolean>;
}

export interface LintContext {
  readonly flow: Flow;
  /**
   * Every flow of the run by workflow id, built once per run: the child flows this flow runs and
   * the flows that run it (a lone flow's own index when it is linted by itself).
   */
  readonly workspace: WorkspaceIndex;
  /** The DLP policies that apply to the chosen environment, in the order they were configured. */
  readonly policies: readonly DlpPolicy[];
  readonly config: Config;
  report(report: Report): void;
  /**
   * Says something that is not a finding: the rule lacks configuration to judge what it found.
   * The same message from many flows is shown once per run (a notice, like "no policy found").
   * Optional so that contexts built elsewhere need not support it.
   */
  notice?(message: string): void;
}

/** A report on something other than a flow: an environment variable, a deployment setting. */
export interface LocatedReport {
  at: SourceRef;
  message: string;
  /** The flow the finding concerns, when there is one. */
  flow?: string;
  related?: RelatedLocation[];
  fixes?: ReportedFixes;
  data?: Record<string, string | number | boolean>;
}

/** What a rule sees of a solution's own files, or of a deploymentSettings.json. */
export type SolutionTarget =
  | { kind: 'solution'; solution: Solution }
  | { kind: 'deployment-settings'; settings: DeploymentSettings };

export interface SolutionLintContext {
  readonly target: SolutionTarget;
  readonly policies: readonly DlpPolicy[];
  readonly config: Config;
  report(report: LocatedReport): void;
}

/** What a rule sees of flowguard.json itself. */
export interface ConfigLintContext {
  readonly config: Config;
  report(report: LocatedReport): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Runs once per run, on flowguard.json (when there is one). */
  checkConfig?(ctx: ConfigLintContext): void;
  /** Runs once per cloud flow. */
  check?(ctx: LintContext): void;
  /** Runs once per solution and once per deploymentSettings.json. */
  checkSolution?(ctx: SolutionLintContext): void;
}

export const DOCS_BASE = RULE_DOCS_BASE;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
