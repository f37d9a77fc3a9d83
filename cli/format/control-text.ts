// Names taken from the linted files reach logs and rendered reports. A control character (ESC
// starts a terminal escape sequence, BEL rings, NUL truncates some viewers) or a bidirectional
// override (reorders what a reviewer reads) is shown as a visible \uXXXX instead. Tab and line
// breaks are left to each format, which has its own way of keeping them harmless.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
