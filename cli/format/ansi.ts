// Plain SGR codes: no dependency, and each style closes with its own reset code so that
// styles can nest without one ending another.
type Style = (text: string) => string;

export interface Palette {
  bold: Style;
  dim: Style;
  underline: Style;
  red: Style;
  yellow: Style;
  cyan: Style;
  green: Style;
}

function sgr(open: number, close: number): Style {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const identity: Style = (text) => text;

const COLORED: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const PLAIN: Palette = {
  bold: identity,
  dim: identity,
  underline: identity,
  red: identity,
  yellow: identity,
  cyan: identity,
  green: identity,
};

export function palette(color: boolean): Palette {
  return color ? COLORED : PLAIN;
}
