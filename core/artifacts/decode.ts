import { ArtifactError, createSourceFile, type SourceFile } from './source';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes file bytes to text the way an editor would: UTF-8 (with or without BOM), or UTF-16
 * when a UTF-16 BOM says so. Bytes that are none of these are an error naming the file.
 */
export function decodeText(path: string, bytes: Uint8Array): SourceFile {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return createSourceFile(path, new TextDecoder('utf-16le').decode(bytes.subarray(2)), true);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return createSourceFile(path, new TextDecoder('utf-16be').decode(bytes.subarray(2)), true);
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return createSourceFile(path, utf8.decode(hasBom ? bytes.subarray(3) : bytes), hasBom);
  } catch {
    throw new ArtifactError(path, `${path} is not valid UTF-8 (nor UTF-16 with a byte order mark); re-save it as UTF-8.`);
  }
}

/** Text that came from an editor buffer: already decoded, but it may still start with U+FEFF. */
export function sourceFromText(path: string, text: string): SourceFile {
  return text.charCodeAt(0) === 0xfeff ? createSourceFile(path, text.slice(1), true) : createSourceFile(path, text, false);
}
