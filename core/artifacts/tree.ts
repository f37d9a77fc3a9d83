import * as path from 'node:path';
import { MAX_FILE_BYTES } from '../limits';
import { toSlashes } from './paths';
import { ASYNC_TREE_IO, SYNC_TREE_IO, type TreeIO } from './tree-io';
import { ArtifactError } from './source';
import type { ZipArchive } from './zip';

/**
 * A read-only set of files, so that a solution zip and the same solution unpacked are loaded
 * by one piece of code. Relative paths always use '/'.
 */
export interface FileTree {
  /** Display prefix: 'samples/Sol.zip!' for a zip, 'samples/Sol/' for a folder; label + rel is the display path. */
  readonly label: string;
  readonly kind: 'zip' | 'folder';
  /** Relative paths of all files, sorted by code unit so every platform lists them alike. */
  list(): string[];
  read(rel: string): Promise<Uint8Array>;
  has(rel: string): boolean;
  /** The stored path that equals `rel` ignoring case (exports disagree: Solution.xml, solution.xml). */
  findIgnoreCase(rel: string): string | undefined;
}

export interface FolderTreeOptions {
  /** Called with each folder (before walking into it) and each file, relative to the tree root. */
  ignore?: (relPathFromTreeRoot: string) => boolean;
  /** Past this many files the walk stops with an error rather than eat the machine. */
  maxFiles?: number;
  /** Larger files are refused when read; the same bound as one zip entry. */
  maxFileBytes?: number;
  /** Read with blocking calls: less CPU per file, for a process that has nothing else to do meanwhile (the CLI). */
  sync?: boolean;
}

export const DEFAULT_MAX_FILES = 10_000;
export const DEFAULT_MAX_FILE_BYTES = MAX_FILE_BYTES;

// Never part of an export, and large enough to make a walk slow.
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Shared lookups over a fixed, sorted list of paths. */
class PathIndex {
  private lower: Map<string, string> | undefined;

  constructor(readonly paths: readonly string[], private readonly set: ReadonlySet<string>) {}

  has(rel: string): boolean {
    return this.set.has(rel);
  }

  findIgnoreCase(rel: string): string | undefined {
    if (this.set.has(rel)) return rel;
    if (!this.lower) {
      this.lower = new Map();
      // The first in sorted order wins, so the answer does not depend on walk order.
      for (const p of this.paths) if (!this.lower.has(p.toLowerCase())) this.lower.set(p.toLowerCase(), p);
    }
    return this.lower.get(rel.toLowerCase());
  }
}

export function zipTree(archive: ZipArchive): FileTree {
  const paths = [...archive.entries.keys()].sort(byCodeUnit);
  const index = new PathIndex(paths, new Set(paths));
  const label = `${archive.path}!`;
  return {
    label,
    kind: 'zip',
    list: () => [...paths],
    has: (rel) => index.has(rel),
    findIgnoreCase: (rel) => index.findIgnoreCase(rel),
    read: (rel) => {
      const bytes = archive.entries.get(rel);
      return bytes ? Promise.resolve(bytes) : Promise.reject(new ArtifactError(label + rel, `${label}${rel} is not in the archive.`));
    },
  };
}

/**
 * Lists a folder recursively. Symlinked folders are never followed (no loops, no walking out of
 * the tree); a symlinked file is read only when it resolves inside the folder, so a hostile
 * repository cannot make FlowGuard read and quote files from elsewhere. Only regular files are
 * listed: reading a FIFO or a device would block or never end.
 */
export async function folderTree(absDir: string, displayPrefix: string, options: FolderTreeOptions = {}): Promise<FileTree> {
  const label = folderLabel(displayPrefix);
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const ignore = options.ignore ?? (() => false);
  const io = options.sync ? SYNC_TREE_IO : ASYNC_TREE_IO;

  let rootReal: string;
  try {
    rootReal = await io.realpath(absDir);
  } catch (error) {
    throw new ArtifactError(label, `Cannot read the folder ${label || '.'}: ${reason(error)}.`);
  }

  const files: string[] = [];
  // Each folder by its path relative to the root and its absolute path: a name read from a folder
  // holds no separator, so it is joined by one (path.join normalising every path was a millisecond
  // or two of a walk of the corpus's 401 folders).
  const pending: [rel: string, abs: string][] = [['', rootReal]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [dir, absDir] = next;
    let dirents;
    try {
      dirents = await io.readdir(absDir);
    } catch (error) {
      throw new ArtifactError(label + dir, `Cannot read the folder ${label}${dir}: ${reason(error)}.`);
    }
    for (const dirent of dirents) {
      const rel = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
      if (dirent.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(dirent.name) && !ignore(rel)) pending.push([rel, childPath(absDir, dirent.name)]);
        continue;
      }
      if (dirent.isSymbolicLink()) {
        if (ignore(rel) || !(await isFileInside(io, rootReal, childPath(absDir, dirent.name)))) continue;
      } else if (!dirent.isFile() || ignore(rel)) {
        continue;
      }
      files.push(rel);
      if (files.length > maxFiles) {
        throw new ArtifactError(label, `${label || './'} holds more than ${maxFiles} files; FlowGuard reads at most ${maxFiles} from one folder. Point it at the solution folder or add ignores.`);
      }
    }
  }

  files.sort(byCodeUnit);
  const set = new Set(files);
  const index = new PathIndex(files, set);
  return {
    label,
    kind: 'folder',
    list: () => [...files],
    has: (rel) => index.has(rel),
    findIgnoreCase: (rel) => index.findIgnoreCase(rel),
    read: async (rel) => {
      if (!set.has(rel)) throw new ArtifactError(label + rel, `${label}${rel} is not in the folder.`);
      const abs = path.join(rootReal, ...splitRel(rel));
      const tooLarge = (size: number) => new ArtifactError(label + rel, `${label}${rel} is ${Math.ceil(size / 1024 / 1024)} MiB; FlowGuard reads at most ${Math.floor(maxFileBytes / 1024 / 1024)} MiB per file.`);
      const notFile = () => new ArtifactError(label + rel, `${label}${rel} is no longer a regular file.`);
      try {
        // One open, and the checks on the open file (tree-io.ts): a stat by path first cost a
        // call per file, and could judge another file than the one then read.
        return await io.readFile(abs, maxFileBytes, tooLarge, notFile);
      } catch (error) {
        if (error instanceof ArtifactError) throw error;
        throw new ArtifactError(label + rel, `Cannot read ${label}${rel}: ${reason(error)}.`);
      }
    },
  };
}

/** 'samples\\Sol' -> 'samples/Sol/'; '' and '.' (the working folder itself) -> ''. */
function folderLabel(displayPrefix: string): string {
  const slashed = toSlashes(displayPrefix);
  if (slashed === '' || slashed === '.' || slashed === './') return '';
  return slashed.endsWith('/') ? slashed : `${slashed}/`;
}

/** The entry `name` of the folder `abs` (an absolute, real path: none ends in a separator but the root). */
function childPath(abs: string, name: string): string {
  return abs.endsWith(path.sep) ? abs + name : abs + path.sep + name;
}

function splitRel(rel: string): string[] {
  return rel === '' ? [] : rel.split('/');
}

async function isFileInside(io: TreeIO, rootReal: string, link: string): Promise<boolean> {
  try {
    const target = await io.realpath(link);
    const relative = path.relative(rootReal, target);
    if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return false;
    return await io.isFile(target);
  } catch {
    return false; // dangling or unreadable link: nothing to read
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'it is not a folder';
  return error instanceof Error ? error.message : String(error);
}
