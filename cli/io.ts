export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether standard output is a terminal that shows colours. */
  colorDefault: boolean;
  /** Reads all of standard input, for --stdin; absent where there is none to read. */
  readStdin?: () => Promise<Uint8Array>;
}
