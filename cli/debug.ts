/**
 * `--debug` belongs to no command: it changes only how an internal error is printed, so runCli
 * takes it out before any command reads its options, wherever it stands before a `--`.
 */
export function takeDebugFlag(argv: readonly string[]): { argv: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = options.filter((arg) => arg !== '--debug');
  return { argv: [...kept, ...rest], debug: kept.length !== options.length };
}
