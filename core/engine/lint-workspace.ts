import type { RuleSetting } from '../config/types';
import { pushAll } from '../arrays';
import type { WorkspaceIndex } from '../analysis/workspace-index';
import type { Project } from '../project/load';
import type { Workspace } from '../workspace/collector';
import type { LintResult } from './result';
import type { Rule, SolutionTarget } from './rule';
import { lintConfig, lintFlow, lintSolutionTarget } from './lint';
import { heldFlows, type FlowSource } from './flow-source';
import { compareFindings } from './sort';
import { redactNotice, redactUnreadable } from './redact-finding';

export const NO_POLICY_NOTICE =
  'No DLP policy found, so the DLP rules did not run. Add "policies" to flowguard.json or pass --policy FILE.';

/** Lints every flow a workspace holds against a project's configuration and policies. */
export interface WorkspaceLintOptions {
  /** --rule ID=severity from the command line. */
  overrides?: Record<string, RuleSetting>;
  /** --no-suppressions. */
  ignoreSuppressions?: boolean;
  /**
   * The flows child flows are looked up in; by default those of `ws`. The language server lints a
   * workspace in parts, each with the index of the whole.
   */
  workspace?: WorkspaceIndex;
  /** False when no one will use the findings' fixes: they are then not computed (see LintOptions.fixes). */
  fixes?: boolean;
  /**
   * The flows to lint when `ws` does not hold them: a load that let each flow go once built (see
   * flow-queue.ts), so that each is built again only to be linted, and let go again. The index is
   * the source's; `workspace` is then not used.
   */
  flows?: FlowSource;
}

export function lintWorkspace(ws: Workspace, project: Project, rules: readonly Rule[], options: WorkspaceLintOptions = {}): LintResult {
  const { overrides = {}, ignoreSuppressions = false, fixes } = options;
  // Built once for the run: every rule that follows a child flow or a caller looks at its index.
  const source = options.flows ?? heldFlows(ws, options.workspace);
  const result: LintResult = {
    findings: [],
    // Loaders quote what they could not read (entry names, values): masked like findings are.
    unreadable: ws.unreadable.map(redactUnreadable),
    notices: ws.notices.map(redactNotice),
    files: ws.files,
    flows: source.count,
    rules: rules.map((r) => r.meta),
  };
  if (project.policies.length === 0) result.notices.push({ message: NO_POLICY_NOTICE });
  else if (project.applicable.length === 0) {
    const env = project.config.environment;
    result.notices.push({
      message: env
        ? `None of the ${project.policies.length} DLP policies applies to environment '${env}', so the DLP rules did not run.`
        : `Every DLP policy found is scoped to named environments, so the DLP rules did not run. Name the environment with --environment NAME or "environment" in flowguard.json.`,
    });
  }
  const ruleNotices = new Set<string>();
  const workspace = source.index;
  for (let i = 0; i < source.count; i++) {
    if (source.lints && !source.lints(i)) continue;
    const flow = source.flow(i);
    const { findings, errors, notices } = lintFlow(flow, { rules, policies: project.applicable, config: project.config, overrides, ignoreSuppressions, workspace, fixes });
    pushAll(result.findings, findings);
    pushAll(result.unreadable, errors);
    for (const notice of notices ?? []) ruleNotices.add(notice.message);
    source.linted(i, flow);
  }
  // Said by a rule about some flows, but about the run: once, however many flows said it.
  for (const message of ruleNotices) result.notices.push({ message });
  const targets: SolutionTarget[] = [
    ...ws.solutions.map((solution) => ({ kind: 'solution' as const, solution })),
    ...ws.deploymentSettings.map((settings) => ({ kind: 'deployment-settings' as const, settings })),
  ];
  for (const target of targets) {
    const { findings, errors } = lintSolutionTarget(target, { rules, policies: project.applicable, config: project.config, overrides, ignoreSuppressions, fixes });
    pushAll(result.findings, findings);
    pushAll(result.unreadable, errors);
  }
  const configCheck = lintConfig({ rules, policies: project.applicable, config: project.config, overrides, ignoreSuppressions });
  pushAll(result.findings, configCheck.findings);
  pushAll(result.unreadable, configCheck.errors);
  result.findings.sort(compareFindings);
  return result;
}
