import { statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import { folderTree } from '../../core/artifacts/tree';
import { findPackageRoots, isPackageFlow } from '../../core/workspace/package';
import { findSolutionRoots } from '../../core/workspace/solution';

// The CLI's threads and cache both see a run as a list of units, in the order one load of the
// paths reads them: for a folder, its solutions, then everything else in it that is not a zip
// (packages, loose flows, deployment settings), then each zip (core/workspace/load-paths.ts and
// load-tree.ts read a folder in that order); a PATH that is a file, is missing, or cannot be
// walked is one unit of its own. Each unit is loaded by core's own loadPaths, told to ignore every
// file of the folder but the unit's, so a unit reads what it would in the whole run, no more.

export type UnitKind = 'solution' | 'rest' | 'zip' | 'path';

export interface Unit {
  /** Stable from run to run: what the cache files a unit's results under. */
  id: string;
  kind: UnitKind;
  /** The PATH argument, as given: the unit is loaded as loadPaths([given]) would load it. */
  given: string;
  /** Absolute paths of the unit's files, sorted; absent for a 'path' unit, which is the whole PATH. */
  files?: string[];
  /** A solution's flow files (absolute, in load order): threads may share them out, the rest of the solution read by each. */
  flowFiles?: string[];
  /** The display path of each of flowFiles. */
  flowDisplays?: string[];
  /** Roughly how many flows' worth of work the unit is, to share units among threads. */
  weight: number;
}

export interface UnitPlanOptions {
  cwd: string;
  /** The ignore of the whole run (flowguard.json's globs), absolute paths. */
  ignore?: (absPath: string) => boolean;
  maxFiles: number;
  /** A file no unit holds: the cache's own (its bytes change every run); its temporaries too. */
  skip?: string;
}

// As core/workspace/load-tree.ts: deployment settings are read wherever they sit, never as a solution's.
const DEPLOYMENT_SETTINGS = /(^|\/)[^/]*deploymentsettings\.json$/i;
// A zip's bytes per flow's worth of work, roughly: a solution zip holds far more than its flows (apps, bots, icons).
const ZIP_BYTES_PER_FLOW = 32 * 1024;

/** The deepest of `roots` holding `rel`, as load-tree.ts decides which export a file belongs to. */
function ownerOf(rel: string, roots: readonly string[]): string | undefined {
  let owner: string | undefined;
  for (const root of roots) if (rel.startsWith(root) && (owner === undefined || root.length > owner.length)) owner = root;
  return owner;
}

function isSkipped(file: string, skip: string): boolean {
  return file === skip || (file.startsWith(`${skip}.`) && file.endsWith('.tmp'));
}

// Blocking stats, as the walk's below: the plan runs before anything else can, and fs.promises
// alone was node's readline and file-handle modules loaded (about 1.5 ms of an unchanged rerun).
function statOf(abs: string): Stats | undefined {
  try {
    return statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function sizeOf(abs: string): number {
  return statOf(abs)?.size ?? 0;
}

function unitId(argDisplay: string, kind: UnitKind, name: string): string {
  return JSON.stringify([argDisplay, kind, name]);
}

function pathUnit(given: string, abs: string, display: string): Unit {
  return { id: unitId(display, 'path', display), kind: 'path', given, weight: Math.max(1, sizeOf(abs) / (16 * 1024)) };
}

/** The units of one folder PATH, or undefined when it cannot be walked (the whole PATH is then one unit). */
/**
 * The absolute path of `rel`, a path the folder's walk gave (names joined by '/', never '.' or
 * '..') under `abs` (resolved): joined as path.join would, without normalising what is normal
 * already, which was 4 ms of an unchanged --cache rerun of 1,000 flows.
 */
function under(abs: string, rel: string): string {
  if (path.sep !== '/') return path.join(abs, rel);
  return abs.endsWith('/') ? abs + rel : `${abs}/${rel}`;
}

async function folderUnits(given: string, abs: string, display: string, options: UnitPlanOptions): Promise<Unit[] | undefined> {
  const prefix = display === '.' ? '' : `${display}/`;
  const ignore = options.ignore;
  let tree;
  try {
    // Blocking reads, as the load's (cli/project.ts): measured 12-19 ms off an unchanged --cache rerun of the corpus.
    tree = await folderTree(abs, prefix, { ignore: ignore ? (rel) => ignore(under(abs, rel)) : undefined, maxFiles: options.maxFiles, sync: true });
  } catch {
    return undefined;
  }
  const skip = options.skip;
  const rels = skip ? tree.list().filter((rel) => !isSkipped(under(abs, rel), skip)) : tree.list();
  const solutions = findSolutionRoots(tree);
  const packages = findPackageRoots(tree);
  const solutionRoots = solutions.map((s) => s.root);
  const roots = [...solutionRoots, ...packages];
  const owned = new Map<string, string[]>(solutionRoots.map((root) => [root, []]));
  const rest: string[] = [];
  const zips: string[] = [];
  for (const rel of rels) {
    if (rel.toLowerCase().endsWith('.zip')) {
      zips.push(rel);
      continue;
    }
    const owner = ownerOf(rel, roots);
    const files = owner === undefined ? undefined : owned.get(owner);
    const loose = DEPLOYMENT_SETTINGS.test(rel) || packages.some((root) => isPackageFlow(rel, root));
    if (files && !loose) files.push(rel);
    else rest.push(rel);
  }
  const absOf = (rel: string): string => under(abs, rel);
  const units: Unit[] = [];
  for (const root of solutionRoots) {
    const files = owned.get(root) ?? [];
    const workflows = `${root}workflows/`.toLowerCase();
    // The flows of Workflows/ only: other JSON of the solution may be read by its connectors or variables.
    const flows = files.filter((rel) => rel.toLowerCase().startsWith(workflows) && rel.toLowerCase().endsWith('.json'));
    const name = root === '' ? display : prefix + root.replace(/\/$/, '');
    units.push({
      id: unitId(display, 'solution', name),
      kind: 'solution',
      given,
      files: files.map(absOf),
      flowFiles: flows.map(absOf),
      flowDisplays: flows.map((rel) => prefix + rel),
      weight: 1 + flows.length,
    });
  }
  if (rest.length > 0) {
    const json = rest.filter((rel) => rel.toLowerCase().endsWith('.json')).length;
    units.push({ id: unitId(display, 'rest', display), kind: 'rest', given, files: rest.map(absOf), weight: 1 + json });
  }
  for (const rel of zips) {
    const file = absOf(rel);
    units.push({ id: unitId(display, 'zip', prefix + rel), kind: 'zip', given, files: [file], weight: Math.max(1, sizeOf(file) / ZIP_BYTES_PER_FLOW) });
  }
  return units;
}

/** The units of a run over `paths`, in the order one load reads them. */
export async function planUnits(paths: readonly string[], options: UnitPlanOptions): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const given of paths) {
    const abs = path.resolve(options.cwd, given);
    const display = displayPath(abs, options.cwd);
    const stat = statOf(abs);
    const inFolder = stat?.isDirectory() ? await folderUnits(given, abs, display, options) : undefined;
    if (inFolder) units.push(...inFolder);
    else units.push(pathUnit(given, abs, display));
  }
  return units;
}

/**
 * The ignore that makes loadPaths([unit.given]) read only `keep` of the folder: every other file,
 * and every folder that holds none of them, is left out (so the walk does not enter it either).
 */
export function keepOnly(keep: readonly string[]): (absPath: string) => boolean {
  const files = new Set(keep);
  const folders = new Set<string>();
  for (const file of keep) {
    for (let dir = path.dirname(file); !folders.has(dir); dir = path.dirname(dir)) {
      folders.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  return (abs) => !files.has(abs) && !folders.has(abs);
}
