import { pathToFileURL } from 'node:url';

/** The uriBaseId every relative location uses; GitHub code scanning resolves it to the checkout. */
export const SRCROOT = '%SRCROOT%';

// Solution exports often have spaces and other reserved characters in file names; a SARIF
// uri must be a valid URI reference, so each path segment is percent-encoded on its own
// and the '/' separators are kept.
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const WINDOWS_DRIVE = /^[A-Za-z]:\//;

/** True for display paths that are not relative to the working directory. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || WINDOWS_DRIVE.test(path);
}

/** A file URI for an absolute display path (a file linted outside the working directory). */
export function absoluteFileUri(path: string): string {
  if (WINDOWS_DRIVE.test(path)) return `file:///${path.slice(0, 2)}${encodePath(path.slice(2))}`;
  return `file://${encodePath(path)}`;
}

/** The absolute URI of the directory the relative paths start from; a base URI must end with '/'. */
export function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
