/** What the server writes to the client's output channel; connection.console is one. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}
