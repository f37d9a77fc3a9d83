/** What the server writes to the client's output channel; connection.console is one. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** A logger for what starts before the connection does: it holds the lines until it is given one. */
export class LaterLogger implements Logger {
  private target: Logger | undefined;
  private readonly held: [level: 'info' | 'error', message: string][] = [];

  attach(target: Logger): void {
    this.target = target;
    for (const [level, message] of this.held.splice(0)) target[level](message);
  }

  info(message: string): void {
    if (this.target) this.target.info(message);
    else this.held.push(['info', message]);
  }

  error(message: string): void {
    if (this.target) this.target.error(message);
    else this.held.push(['error', message]);
  }
}
