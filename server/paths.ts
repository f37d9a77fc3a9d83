import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a document, or undefined for buffers that are no file (untitled:, git:). */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function uriOfPath(absPath: string): string {
  return pathToFileURL(absPath).href;
}

const ARCHIVE_ENTRY = /^(.*?\.zip)!/i;

/**
 * The file behind a display path that the engine wrote relative to `cwd` (or absolute when
 * outside it). Display paths are a pure function of the absolute path and the cwd given to
 * loadProject, so resolving them against the same cwd is exact; an entry of a zip
 * ('Sol.zip!Workflows/X.json') has no file of its own, so it resolves to the archive.
 */
export function fileOfDisplayPath(display: string, cwd: string): { file: string; inArchive: boolean; entry?: string } {
  const archive = ARCHIVE_ENTRY.exec(display);
  if (archive?.[1]) return { file: path.resolve(cwd, archive[1]), inArchive: true, entry: display.slice(archive[0].length) };
  return { file: path.resolve(cwd, display), inArchive: false };
}

/** True when `file` lies somewhere below `folder`. */
export function isInsideFolder(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
