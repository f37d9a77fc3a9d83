import { pushAll } from '../arrays';
import * as path from 'node:path';
import { decodeText } from '../artifacts/decode';
import { readRegularFile, ReadRefused } from '../artifacts/read-file';
import { GlobError } from './glob-match';
import { displayPath } from '../artifacts/paths';
import { ArtifactError } from '../artifacts/source';
import { ConfigError } from '../config/errors';
import type { SourceFile } from '../artifacts/source';
import type { Span } from '../text/range';
import { findConfig } from '../config/find';
import { loadConfig } from '../config/load';
import { emptyConfig, type Config } from '../config/types';
import { selectPolicies } from '../policy/environment';
import { loadPolicies } from '../policy/load';
import type { DlpPolicy } from '../policy/types';
import { expandGlob } from './glob';

export interface ProjectOptions {
  cwd: string;
  /** --config: use this file instead of searching. */
  configFile?: string;
  /** Where to start searching for flowguard.json: the first linted path. */
  searchFrom?: string;
  /** --policy files, added to the config's. */
  policies?: string[];
  /** --environment, overriding the config's. */
  environment?: string;
}

export interface Project {
  config: Config;
  /** Every policy loaded, in the order configured. */
  policies: DlpPolicy[];
  /** The policies that apply to the chosen environment. */
  applicable: DlpPolicy[];
  /** Policy files read, absolute. */
  policyFiles: string[];
}

async function readPolicyFile(abs: string, cwd: string): Promise<DlpPolicy[]> {
  const display = displayPath(abs, cwd);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : error instanceof ReadRefused ? `it ${error.message}` : String(code ?? error);
    throw new ConfigError(display, `Cannot read DLP policy ${display}: ${why}.`);
  }
  try {
    return loadPolicies(decodeText(display, bytes));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    if (error instanceof ArtifactError) throw new ConfigError(error.file, error.message, error.span, error.source);
    throw error;
  }
}

/** Finds and reads flowguard.json and every policy it or the command line names; errors stop the run. */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const configFile = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfig(options.searchFrom ?? options.cwd);
  const config = configFile ? loadConfig(configFile, displayPath(configFile, options.cwd)) : emptyConfig(options.cwd);
  if (options.environment) config.environment = options.environment;

  const files: string[] = [];
  const writtenAt = new Map<string, { source: SourceFile; span: Span }>();
  for (const [index, pattern] of config.policies.entries()) {
    const at = config.policyKeys?.[index];
    const matched = await expandGlob(config.root, pattern).catch((error: unknown) => {
      if (!(error instanceof GlobError)) throw error;
      const message = `This "policies" glob cannot be used: ${error.message}.`;
      throw at ? new ConfigError(at.source.path, message, at.span, at.source) : new ConfigError(displayPath(configFile ?? options.cwd, options.cwd), message);
    });
    if (matched.length === 0) {
      const message = `No DLP policy file matches "${pattern}" (relative to ${displayPath(config.root, options.cwd)}).`;
      throw at ? new ConfigError(at.source.path, message, at.span, at.source) : new ConfigError(displayPath(configFile ?? options.cwd, options.cwd), message);
    }
    if (at) for (const file of matched) if (!writtenAt.has(file)) writtenAt.set(file, at);
    pushAll(files, matched);
  }
  for (const given of options.policies ?? []) files.push(path.resolve(options.cwd, given));
  const unique = [...new Set(files)];
  const policies: DlpPolicy[] = [];
  for (const file of unique) {
    try {
      pushAll(policies, await readPolicyFile(file, options.cwd));
    } catch (error) {
      // A policy that cannot be read at all is reported where flowguard.json names it.
      const at = writtenAt.get(file);
      if (error instanceof ConfigError && !error.source && at) throw new ConfigError(at.source.path, error.message, at.span, at.source);
      throw error;
    }
  }
  return { config, policies, applicable: selectPolicies(policies, config.environment), policyFiles: unique };
}
