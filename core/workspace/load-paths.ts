import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../artifacts/paths';
import { readRegularFile, readRegularFileSync, ReadRefused } from '../artifacts/read-file';
import { ArtifactError } from '../artifacts/source';
import { folderTree, type FileTree } from '../artifacts/tree';
import type { Flow } from '../model/types';
import { Workspace, type KnownFlows } from './collector';
import { loadFlowEntry } from './flow-entry';
import { linkWorkspace } from './link';
import { loadTree } from './load-tree';
import { loadZip } from './load-zip';

export interface LoadPathsOptions {
  cwd: string;
  /** True for an absolute path the user's ignore globs exclude. */
  ignore?: (absPath: string) => boolean;
  maxFiles?: number;
  /** Called as each path or archive is started, for progress on long runs. */
  onProgress?: (label: string) => void;
  /** Read files with blocking calls (see FolderTreeOptions.sync): for the CLI, not the language server. */
  sync?: boolean;
  /** Hand each flow on once built rather than hold it (see Workspace.flowSink). */
  flowSink?: (flow: Flow) => void;
  /** With flowSink: flows of solutions not to build, their text handed on instead (see Workspace.known). */
  known?: KnownFlows;
}

/** A file named on the command line or met in a folder walk: regular files only, size-bounded (core/limits.ts). */
async function readNamed(absFile: string, display: string, sync = false): Promise<Uint8Array> {
  try {
    return sync ? readRegularFileSync(absFile) : await readRegularFile(absFile);
  } catch (error) {
    if (error instanceof ReadRefused) throw new ArtifactError(display, `${display} ${error.message}.`);
    throw error;
  }
}

/** A tree holding one file, so a single named file goes through the same loaders. */
function singleFileTree(absFile: string, label: string, sync: boolean): FileTree {
  const name = path.basename(absFile);
  return {
    label,
    kind: 'folder',
    list: () => [name],
    read: () => readNamed(absFile, label + name, sync),
    has: (rel) => rel === name,
    findIgnoreCase: (rel) => (rel.toLowerCase() === name.toLowerCase() ? name : undefined),
  };
}

async function loadZipFile(absFile: string, display: string, ws: Workspace, named: boolean, sync: boolean): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readNamed(absFile, display, sync);
  } catch (error) {
    ws.files++;
    ws.fail(display, error);
    return;
  }
  await loadZip(display, bytes, ws, { named });
}

async function loadFolder(absDir: string, display: string, ws: Workspace, options: LoadPathsOptions): Promise<void> {
  const prefix = display === '.' ? '' : `${display}/`;
  const tree = await folderTree(absDir, prefix, {
    ignore: options.ignore ? (rel) => options.ignore!(path.join(absDir, rel)) : undefined,
    maxFiles: options.maxFiles,
    sync: options.sync,
  });
  const { zips } = await loadTree(tree, ws);
  for (const rel of zips) {
    options.onProgress?.(prefix + rel);
    await loadZipFile(path.join(absDir, rel), prefix + rel, ws, false, options.sync === true);
  }
}

async function loadFile(absFile: string, display: string, ws: Workspace, sync: boolean): Promise<void> {
  const lower = absFile.toLowerCase();
  if (lower.endsWith('.zip')) return loadZipFile(absFile, display, ws, true, sync);
  const dir = path.dirname(display);
  const tree = singleFileTree(absFile, dir === '.' ? '' : `${dir}/`, sync);
  if (lower.endsWith('.json')) {
    await loadFlowEntry(tree, path.basename(absFile), ws, { expected: true });
    return;
  }
  ws.files++;
  ws.fail(display, new ArtifactError(display, `${display} is not a flow export FlowGuard reads: name a flow .json, a solution or package .zip, or a folder.`));
}

/** Why a path named cannot be looked at, in words: the system's message carries the absolute path and the call. */
function statProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'no such file or folder (a part of the path is a file)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return String((error as NodeJS.ErrnoException).code ?? error);
  }
}

/** Loads files, folders and zips named on the command line (or the server's workspace folders). */
export async function loadPaths(paths: string[], options: LoadPathsOptions): Promise<Workspace> {
  const ws = new Workspace();
  if (options.flowSink) ws.flowSink = options.flowSink;
  if (options.flowSink && options.known) ws.known = options.known;
  for (const given of paths) {
    const abs = path.resolve(options.cwd, given);
    const display = displayPath(abs, options.cwd);
    options.onProgress?.(display);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (error) {
      ws.fail(display, new ArtifactError(display, `${display}: ${statProblem(error)}.`));
      continue;
    }
    try {
      if (stat.isDirectory()) await loadFolder(abs, display, ws, options);
      else if (stat.isFile()) await loadFile(abs, display, ws, options.sync === true);
      else {
        ws.files++;
        ws.fail(display, new ArtifactError(display, `${display} is not a regular file (a device, a FIFO or a socket); FlowGuard reads regular files only.`));
      }
    } catch (error) {
      ws.fail(display, error);
    }
  }
  linkWorkspace(ws);
  return ws;
}
