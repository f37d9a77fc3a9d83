import * as path from 'node:path';
import { ignoreMatcher } from '../core/project/glob';
import type { Project } from '../core/project/load';
import { Workspace } from '../core/workspace/collector';
import { CliError } from './errors';
import { visibleControls } from './format/control-text';
import type { CliIO } from './io';
import { lintLoaded, type Linted, type LintPathsOptions } from './project';
import { loadStdin, STDIN_DISPLAY, stdinDisplay } from './stdin';
import { unmatchedPaths } from './unmatched';

export interface StdinOptions {
  /** --stdin-filename. */
  name?: string;
  /** --no-error-on-unmatched-pattern. */
  allowUnmatched: boolean;
}

/**
 * Lints standard input as the file it names. A name flowguard.json ignores is not linted (a
 * note says so), as the language server leaves an ignored file's buffer alone.
 */
export async function lintStdin(project: Project, stdin: StdinOptions, io: CliIO, options: LintPathsOptions): Promise<Linted> {
  if (!io.readStdin) throw new CliError('--stdin: there is no standard input to read here.');
  const bytes = await io.readStdin();
  const display = stdinDisplay({ name: stdin.name, cwd: io.cwd });
  const abs = stdin.name === undefined ? undefined : path.resolve(io.cwd, stdin.name);
  if (abs !== undefined && ignoreMatcher(project.config.root, project.config.ignore)?.(abs)) {
    const ws = new Workspace();
    ws.note('Not linted: "ignore" in flowguard.json leaves this file out.', display);
    return lintLoaded(ws, project, options);
  }
  const ws = await loadStdin({ bytes, name: stdin.name, cwd: io.cwd });
  if (!stdin.allowUnmatched && unmatchedPaths([display], ws, io.cwd).length > 0) {
    const readAs = display === STDIN_DISPLAY ? 'as a flow .json' : `as "${visibleControls(display)}"`;
    throw new CliError(`Standard input, read ${readAs}, holds no flow export (a cloud flow .json, or a solution or package .zip). Pass --no-error-on-unmatched-pattern to allow that.`);
  }
  return lintLoaded(ws, project, options);
}
