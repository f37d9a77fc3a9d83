import type { WorkspaceIndex } from '../../core/analysis/workspace-index';
import type { RuleSetting } from '../../core/config/types';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import type { LintResult } from '../../core/engine/result';
import { compareFindings } from '../../core/engine/sort';
import type { Project } from '../../core/project/load';
import { Workspace } from '../../core/workspace/collector';
import { allRules } from '../../rules';
import { InconsistentRun, type PartFindings, type UnitOutcome } from './types';

export interface AssembleOptions {
  overrides?: Record<string, RuleSetting>;
  ignoreSuppressions?: boolean;
  /** The index of every flow of the run. */
  workspace: WorkspaceIndex;
}

/**
 * The report one lintWorkspace over the whole run would give, from its units' outcomes in load
 * order. lintWorkspace itself makes what belongs to the run as a whole: it is called once on a
 * workspace holding only what the loads recorded (so those are masked as it masks them, and the
 * policy notes and flowguard.json's findings come where it puts them), then the parts go where it
 * would have pushed them: flows, then solutions, then deployment settings, then flowguard.json's
 * errors, and the findings sorted by the engine's own comparator, which is stable.
 */
export function assemble(outcomes: readonly UnitOutcome[], project: Project, options: AssembleOptions): LintResult {
  const loaded = new Workspace();
  for (const o of outcomes) {
    loaded.files += o.files;
    loaded.unreadable.push(...o.unreadable);
    loaded.notices.push(...o.notices);
  }
  // Without fixes, as the runs units apply to (see runner.ts).
  const lintOptions = { ...options, fixes: false };
  const base = lintWorkspace(loaded, project, allRules, lintOptions);
  const invariants = lintWorkspace(new Workspace(), project, allRules, lintOptions);
  const loadErrors = base.unreadable.length - invariants.unreadable.length;
  if (loadErrors !== loaded.unreadable.length) throw new InconsistentRun('the run reported more than its loads');
  const parts: PartFindings[] = [
    ...outcomes.flatMap((o) => o.flows.map((f) => f.result)),
    ...outcomes.flatMap((o) => o.solutions.map((s) => s.result)),
    ...outcomes.flatMap((o) => o.settings),
  ];
  const findings = [...parts.flatMap((p) => p.findings), ...base.findings];
  findings.sort(compareFindings);
  const ruleNotices = new Set(outcomes.flatMap((o) => o.flows.flatMap((f) => f.result.notices)));
  return {
    findings,
    unreadable: [...base.unreadable.slice(0, loadErrors), ...parts.flatMap((p) => p.unreadable), ...invariants.unreadable],
    notices: [...base.notices, ...[...ruleNotices].map((message) => ({ message }))],
    files: loaded.files,
    flows: outcomes.reduce((n, o) => n + o.flows.length, 0),
    rules: base.rules,
  };
}
