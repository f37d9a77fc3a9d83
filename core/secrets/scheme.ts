/** An HTTP auth scheme and the blank after it: 'Bearer ', 'Basic ', 'SharedAccessSignature '. */
const SCHEME = /^[A-Za-z][A-Za-z0-9_-]{0,30}\s+(?=\S)/;
/** A scheme with nothing after it: the credential came from an expression ('Bearer @{...}'). */
const BARE_SCHEME = /^(?:bearer|basic|digest|token|negotiate|ntlm|sharedaccesssignature)$/i;

/** Where the credential starts in an Authorization-style value between `start` and `end`. */
export function withoutScheme(text: string, start: number, end: number): number {
  const head = text.slice(start, end);
  if (BARE_SCHEME.test(head)) return end;
  const scheme = SCHEME.exec(head);
  return scheme ? start + scheme[0].length : start;
}
