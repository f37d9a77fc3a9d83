export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  /** Writes bytes to standard output as they are (a report kept in the cache); without it, they are decoded and given to `stdout`. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal that shows colours. */
  colorDefault: boolean;
  /** Reads all of standard input, for --stdin; absent where there is none to read. */
  readStdin?: () => Promise<Uint8Array>;
}
