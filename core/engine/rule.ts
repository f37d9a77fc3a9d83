import type { Fix, RelatedLocation, Severity } from '../findings';
import type { JsonNode } from '../artifacts/json';
import type { DeploymentSettings, Flow, Solution, SourceRef, Step } from '../model/types';
import type { DlpPolicy } from '../policy/types';
import type { Config } from '../config/types';
import type { Span } from '../text/range';

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
  fixable: boolean;
  /** True for rules that say nothing without a DLP policy. */
  needsPolicy?: boolean;
}

/** What a rule reports; the engine adds the file, flow, severity and range. */
export type Report = ReportBody & (
  /** The node the finding points at. */
  | { node: JsonNode; span?: undefined }
  /** Or a span of the flow's text, for a part of a string (an expression, a secret). */
  | { span: Span; node?: undefined }
);

export interface ReportBody {
  message: string;
  step?: Step;
  connector?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  data?: Record<string, string | number | boolean>;
}

export interface LintContext {
  readonly flow: Flow;
  /** The DLP policies that apply to the chosen environment, in the order they were configured. */
  readonly policies: readonly DlpPolicy[];
  readonly config: Config;
  report(report: Report): void;
}

/** A report on something other than a flow: an environment variable, a deployment setting. */
export interface LocatedReport {
  at: SourceRef;
  message: string;
  /** The flow the finding concerns, when there is one. */
  flow?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
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

export const DOCS_BASE = 'https://github.com/flowguard/flowguard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
