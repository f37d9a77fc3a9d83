/**
 * Encodes text as the original bytes were: UTF-16 (either byte order) when they began with a
 * UTF-16 byte order mark, else UTF-8, with a UTF-8 byte order mark when the original had one.
 */
export function encodeLike(original: Uint8Array, hadBom: boolean, text: string): Uint8Array {
  if (original[0] === 0xff && original[1] === 0xfe) return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  if (original[0] === 0xfe && original[1] === 0xff) return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
  const utf8 = Buffer.from(text, 'utf8');
  return new Uint8Array(hadBom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8);
}
