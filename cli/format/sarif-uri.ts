import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toSlashes } from '../../core/artifacts/paths';

/**
 * The uriBaseId every relative location uses: the repository root (see sarifRoot in
 * cli/sarif-root.ts), which GitHub code scanning reads relative paths from.
 */
export const SRCROOT = '%SRCROOT%';

/**
 * A display path (relative to the working folder, or absolute) as a path from the SARIF root
 * with '/', or undefined for a file outside it, which then gets an absolute file URI.
 */
export function rootRelative(display: string, cwd: string, root: string): string | undefined {
  const relative = path.relative(root, path.resolve(cwd, display));
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return toSlashes(relative);
}

// Solution exports often have spaces and other reserved characters in file names; a SARIF
// uri must be a valid URI reference, so each path segment is percent-encoded on its own
// and the '/' separators are kept.
export function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

const WINDOWS_DRIVE = /^[A-Za-z]:\//;

/** A file URI for an absolute display path (a file linted outside the working directory). */
export function absoluteFileUri(file: string): string {
  if (WINDOWS_DRIVE.test(file)) return `file:///${file.slice(0, 2)}${encodePath(file.slice(2))}`;
  return `file://${encodePath(file)}`;
}

/** The absolute URI of the directory the relative paths start from; a base URI must end with '/'. */
export function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
