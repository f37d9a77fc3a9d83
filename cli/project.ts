import * as path from 'node:path';
import { unknownRuleErrors } from '../core/config/rule-ids';
import { FlowQueue } from '../core/engine/flow-queue';
import { lintWorkspace } from '../core/engine/lint-workspace';
import type { Flow } from '../core/model/types';
import type { LintResult } from '../core/engine/result';
import { ignoreMatcher } from '../core/project/glob';
import { loadProject, type Project } from '../core/project/load';
import type { Workspace } from '../core/workspace/collector';
import { loadPaths } from '../core/workspace/load-paths';
import { allRules } from '../rules';
import type { ProjectArgs } from './options';
import { redactText } from '../core/secrets/redact';
import { CliError } from './errors';
import { checkEnvironment } from './environment-check';
import { visibleControls } from './format/control-text';

const KNOWN_RULES = new Set(allRules.map((r) => r.meta.id));

function checkRuleIds(ids: string[], where: string): void {
  const unknown = ids.filter((id) => !KNOWN_RULES.has(id));
  // One line, without the usage text: the id is the only mistake, and the list says what is right.
  if (unknown.length > 0) throw new CliError(`Unknown rule ${unknown.map((id) => `"${visibleControls(redactText(id))}"`).join(', ')} in ${where}. Rules: ${[...KNOWN_RULES].join(', ')}.`);
}

/** flowguard.json (found from the first path, or --config) and its policies, with every rule id and --environment checked. */
export async function loadCliProject(args: ProjectArgs, cwd: string): Promise<Project> {
  checkRuleIds(Object.keys(args.rules), '--rule');
  const project = await loadProject({
    cwd,
    configFile: args.config,
    searchFrom: path.resolve(cwd, args.paths[0] ?? '.'),
    policies: args.policies,
    environment: args.environment,
  });
  const [first] = unknownRuleErrors(project.config, KNOWN_RULES);
  if (first) throw first;
  // Only the flag: flowguard.json's "environment" is read by the editor too, which must not stop on it.
  checkEnvironment(args.environment, project.policies);
  return project;
}

export interface LintPathsOptions {
  /** --rule ID=severity. */
  overrides?: ProjectArgs['rules'];
  /** --no-suppressions. */
  ignoreSuppressions?: boolean;
  /** False when nothing will apply or show the findings' fixes (no --fix, no --fix-dry-run): they are not computed then. */
  fixes?: boolean;
  /**
   * Hold no flow longer than it takes to lint it (see core/engine/flow-queue.ts): the Workspace
   * returned then holds no flows, only their paths (releasedFlows).
   */
  release?: boolean;
  /** Paths to leave out besides the configuration's ignore globs (absolute paths in, true to skip). */
  alsoIgnore?: (absPath: string) => boolean;
  /** Maps a path read from disk to the path the configuration's ignore globs should judge (review reads a copy). */
  configPath?: (absPath: string) => string;
  /**
   * With `release`, the flows to lint, by display path: the others are loaded (other flows follow
   * them) but neither built again nor linted, for a run that keeps only these files' findings.
   */
  lintOnly?: (file: string) => boolean;
}

export interface Linted {
  ws: Workspace;
  result: LintResult;
}

/** Loads `paths` (relative to `cwd`), leaving out what the configuration ignores. */
export async function loadWorkspace(project: Project, paths: string[], cwd: string, options: LintPathsOptions = {}, flowSink?: (flow: Flow) => void): Promise<Workspace> {
  const configured = ignoreMatcher(project.config.root, project.config.ignore);
  const toConfigPath = options.configPath ?? ((p: string) => p);
  const ignore = (abs: string): boolean => (configured?.(toConfigPath(abs)) ?? false) || (options.alsoIgnore?.(abs) ?? false);
  // Blocking reads: the CLI has nothing else to do meanwhile, and they cost less CPU per file.
  return loadPaths(paths, { cwd, ignore, maxFiles: 200_000, sync: true, ...(flowSink ? { flowSink } : {}) });
}

/** Lints what is already loaded against the project. */
export function lintLoaded(ws: Workspace, project: Project, options: LintPathsOptions = {}): Linted {
  const result = lintWorkspace(ws, project, allRules, { overrides: options.overrides, ignoreSuppressions: options.ignoreSuppressions, fixes: options.fixes });
  return { ws, result };
}

/** Loads `paths` (relative to `cwd`) and lints them against the project. */
export async function lintPaths(project: Project, paths: string[], cwd: string, options: LintPathsOptions = {}): Promise<Linted> {
  if (!options.release) return lintLoaded(await loadWorkspace(project, paths, cwd, options), project, options);
  const queue = new FlowQueue();
  const ws = await loadWorkspace(project, paths, cwd, options, queue.add);
  const flows = queue.source(ws.customConnectors, { policies: project.applicable, trustedDomains: project.config.trustedDomains }, options.lintOnly);
  const result = lintWorkspace(ws, project, allRules, { overrides: options.overrides, ignoreSuppressions: options.ignoreSuppressions, fixes: options.fixes, flows });
  return { ws, result };
}
