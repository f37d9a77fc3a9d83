import * as path from 'node:path';
import { ArtifactError } from '../core/artifacts/source';
import { CONFIG_FILE, findConfig } from '../core/config/find';
import { emptyConfig } from '../core/config/types';
import { NO_POLICY_NOTICE } from '../core/engine/lint-workspace';
import { loadProject, type Project } from '../core/project/load';
import type { Logger } from './logger';
import { fileOfDisplayPath, isInsideFolder } from './paths';
import { unknownRuleErrors } from './rule-ids';

export interface LoadedProject {
  /** The cwd given to loadProject: display paths in findings and errors are relative to it. */
  cwd: string;
  project: Project;
  /** The ConfigError that stopped loading; linting goes on with no config and no policies. */
  error?: ArtifactError;
  /** Absolute files whose change makes this project stale: flowguard.json, policies, the file in error. */
  inputs: Set<string>;
  /** The folder policy globs are matched in, when a file created or deleted there may change the match. */
  globRoot?: string;
}

export type FileChange = 'created' | 'changed' | 'deleted';

function failed(cwd: string): Project {
  return { config: emptyConfig(cwd), policies: [], applicable: [], policyFiles: [] };
}

async function load(configFile: string | undefined, searchFrom: string, cwd: string, log: Logger): Promise<LoadedProject> {
  const inputs = new Set(configFile ? [configFile] : []);
  try {
    const project = await loadProject(configFile ? { cwd, configFile } : { cwd, searchFrom });
    const [unknownRule] = unknownRuleErrors(project.config);
    if (unknownRule) throw unknownRule;
    for (const file of project.policyFiles) inputs.add(file);
    if (project.policies.length === 0) log.info(`${configFile ?? cwd}: ${NO_POLICY_NOTICE}`);
    const globRoot = project.config.policies.length > 0 ? project.config.root : undefined;
    return { cwd, project, inputs, globRoot };
  } catch (error) {
    if (!(error instanceof ArtifactError)) {
      log.error(`Loading the project of ${searchFrom} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { cwd, project: failed(cwd), inputs };
    }
    const named = fileOfDisplayPath(error.file, cwd).file;
    inputs.add(named);
    const where = error.message.startsWith(error.file) ? '' : `${error.file}: `;
    log.info(`${where}${error.message} Linting without flowguard.json until it is fixed.`);
    // A policy glob that matched nothing starts matching when the file is created.
    const globRoot = configFile ? path.dirname(configFile) : undefined;
    return { cwd, project: failed(cwd), error, inputs, globRoot };
  }
}

/**
 * Projects (flowguard.json and its policies) by config file and cwd, loaded once and shared by
 * every document under them until a file they were read from changes.
 */
export class Projects {
  private readonly loading = new Map<string, Promise<LoadedProject>>();
  private readonly loaded = new Map<string, LoadedProject>();

  constructor(private readonly log: Logger) {}

  /** The project a document at `file` is linted with. */
  get(file: string, cwd: string): Promise<LoadedProject> {
    const configFile = findConfig(file);
    const key = `${configFile ?? ''}\n${cwd}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load(configFile, file, cwd, this.log);
      this.loading.set(key, pending);
      void pending.then((result) => {
        // Invalidated while loading: the result may predate the change, so it is not kept.
        if (this.loading.get(key) === pending) this.loaded.set(key, result);
      });
    }
    return pending;
  }

  /** Drops the projects a file change can affect; true when any was dropped. */
  invalidate(file: string, change: FileChange): boolean {
    let dropped = false;
    for (const key of [...this.loading.keys()]) {
      if (this.affects(key, file, change)) {
        this.loading.delete(key);
        this.loaded.delete(key);
        dropped = true;
      }
    }
    return dropped;
  }

  private affects(key: string, file: string, change: FileChange): boolean {
    // A flowguard.json anywhere may change which config a document finds, so it drops everything.
    if (path.basename(file) === CONFIG_FILE) return true;
    const loaded = this.loaded.get(key);
    if (!loaded) return path.extname(file).toLowerCase() === '.json';
    if (loaded.inputs.has(file)) return true;
    return change !== 'changed' && loaded.globRoot !== undefined && isInsideFolder(file, loaded.globRoot);
  }

  /** Whether `file` is one of the files a loaded project was read from. */
  isInput(file: string): boolean {
    for (const loaded of this.loaded.values()) if (loaded.inputs.has(file)) return true;
    return false;
  }

  /** The errors of the projects loaded so far, by the absolute file each one is in. */
  errors(): Map<string, ArtifactError[]> {
    const byFile = new Map<string, ArtifactError[]>();
    for (const { error, cwd } of this.loaded.values()) {
      if (!error) continue;
      const { file } = fileOfDisplayPath(error.file, cwd);
      const list = byFile.get(file) ?? [];
      if (!list.some((e) => e.message === error.message && e.span.offset === error.span.offset)) list.push(error);
      byFile.set(file, list);
    }
    return byFile;
  }
}
