// Display paths name a zip entry as 'solution.zip!Workflows/X.json', and an entry of a zip
// inside a zip as 'package.zip!inner.zip!Workflows/X.json'. Splitting only after '.zip'
// keeps a '!' that is part of an ordinary file or folder name intact.
const ARCHIVE_SEPARATOR = /(?<=\.zip)!/i;

/** The outermost file first, then each entry path inside the one before it. */
export function splitArchivePath(file: string): string[] {
  return file.split(ARCHIVE_SEPARATOR);
}
