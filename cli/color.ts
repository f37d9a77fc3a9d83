/**
 * Whether standard output gets colours when neither --color nor --no-color is given, by the
 * conventions other tools follow:
 * - FORCE_COLOR as Node.js reads it (https://nodejs.org/api/cli.html#force_color1-2-3): `1`,
 *   `true`, `2`, `3` or the empty string force colours, even over NO_COLOR; any other value
 *   (`0`, `false`) turns them off;
 * - NO_COLOR (https://no-color.org): present and not empty, whatever its value, means no colours;
 * - TERM=dumb: a terminal that cannot show escape sequences;
 * - otherwise colours only on a terminal, so a pipe or a CI log gets plain text.
 */
export function colorFromEnvironment(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
