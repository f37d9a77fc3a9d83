import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CODE_SERVER } from './paths';

/** A quiet first start: no welcome walkthrough in the editor area, no offer to open the parent git repository. */
const SETTINGS = { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'git.openRepositoryInParentFolders': 'never' };
const HEALTH_DEADLINE_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** A free loopback port: the kernel picks one, and it is handed to code-server right away. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * code-server (VS Code 1.100 in a browser) on a free loopback port, with its own settings,
 * user data and extensions in a temporary folder, so nothing of the machine's own editor
 * leaks in and nothing is left behind.
 */
export class CodeServer {
  /** An interrupted run must not leave a detached code-server behind. */
  private readonly onInterrupt = (signal: NodeJS.Signals): void => {
    if (this.child.pid !== undefined) signalGroup(this.child.pid, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    process.once('SIGINT', this.onInterrupt);
    process.once('SIGTERM', this.onInterrupt);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The `vscode-remote://` form of a path on this machine, as the workbench addresses it. */
  remoteUri(absolutePath: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${absolutePath}`;
  }

  log(): string {
    const file = path.join(this.dir, 'code-server.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Starts code-server on `folder`, after installing any given .vsix into its extensions folder. */
  static async start(folder: string, options: { install?: string[] } = {}): Promise<CodeServer> {
    if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}; run scripts/install-editors.sh`);
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-code-server-'));
    for (const sub of ['user', 'ext', 'xdg-config', 'xdg-data']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
    mkdirSync(path.join(dir, 'user', 'User'));
    writeFileSync(path.join(dir, 'user', 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
    for (const vsix of options.install ?? []) await CodeServer.install(dir, vsix);

    const port = await freePort();
    const log = openSync(path.join(dir, 'code-server.log'), 'a');
    const args = [
      ...CodeServer.profileArgs(dir),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      folder,
    ];
    // detached: the child calls setsid(), leading a process group of its own, so stop() can end
    // code-server together with the file watchers and extension hosts it forks.
    const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', log, log], env: CodeServer.env(dir) });
    closeSync(log);
    const server = new CodeServer(dir, port, child);
    try {
      await server.healthy();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private static profileArgs(dir: string): string[] {
    return ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', path.join(dir, 'user'), '--extensions-dir', path.join(dir, 'ext')];
  }

  private static env(dir: string): NodeJS.ProcessEnv {
    return { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data') };
  }

  private static async install(dir: string, vsix: string): Promise<void> {
    if (!existsSync(vsix)) throw new Error(`${vsix} does not exist; run npm run package`);
    const child = spawn(CODE_SERVER, [...CodeServer.profileArgs(dir), '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'pipe'], env: CodeServer.env(dir) });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await exitOf(child);
    if (code !== 0) throw new Error(`code-server --install-extension ${path.basename(vsix)} exited with ${code}:\n${output}`);
  }

  /** Polls /healthz: a server start-up check, bounded, failing early if code-server exits. */
  private async healthy(): Promise<void> {
    const deadline = Date.now() + HEALTH_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`code-server exited with ${this.child.exitCode}:\n${this.log()}`);
      try {
        const response = await fetch(`${this.origin}/healthz`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await delay(200);
    }
    throw new Error(`code-server did not answer ${this.origin}/healthz within ${HEALTH_DEADLINE_MS / 1000} s:\n${this.log()}`);
  }

  /** Ends the whole process group (a plain kill leaves watcher children behind) and removes the folder. */
  async stop(): Promise<void> {
    process.off('SIGINT', this.onInterrupt);
    process.off('SIGTERM', this.onInterrupt);
    const pid = this.child.pid;
    if (pid !== undefined) {
      const exited = exitOf(this.child);
      signalGroup(pid, 'SIGTERM');
      await Promise.race([exited, delay(STOP_GRACE_MS)]);
      signalGroup(pid, 'SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
