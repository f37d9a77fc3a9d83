import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../helpers/fixtures';
import { SECRETS, URL_SECRETS } from './flows';

/** A case that takes longer than this is a hang. */
export const CASE_TIMEOUT_MS = 20_000;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs dist/cli.js in `cwd`, killing it past the timeout; output is kept whole for the checks. */
export function runCli(args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CASE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, ms: Date.now() - started });
    });
  });
}

const STACK = /^ {4}at |RangeError|TypeError|ReferenceError|internal error|Maximum call stack/m;

/** Every 8-character piece of each secret: a message that quotes part of one leaks it. */
export function secretPieces(urlSecrets: boolean): string[] {
  const secrets = [...Object.values(SECRETS), ...(urlSecrets ? Object.values(URL_SECRETS) : [])];
  const pieces = new Set<string>();
  for (const s of secrets) for (let i = 0; i + 8 <= s.length; i++) pieces.add(s.slice(i, i + 8));
  return [...pieces];
}

/** What is wrong with a run's output, or an empty list. */
export function problems(run: Run, text: string, urlSecrets: boolean): string[] {
  const found: string[] = [];
  if (run.timedOut) found.push(`timed out after ${CASE_TIMEOUT_MS} ms`);
  else if (run.code !== 0 && run.code !== 1 && run.code !== 2) found.push(`exit code ${run.code ?? run.signal}`);
  const stack = STACK.exec(text);
  if (stack) found.push(`a stack trace or internal error: ${text.slice(Math.max(0, stack.index - 200), stack.index + 300)}`);
  const leak = secretPieces(urlSecrets).find((p) => text.includes(p));
  if (leak) found.push(`a piece of a planted secret (${leak}) in the output`);
  return found;
}

/** Regular files under `dir` (symlinks not followed), for finding what a run wrote. */
export function listFiles(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const pending = [dir];
  for (let d = pending.pop(); d !== undefined; d = pending.pop()) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) pending.push(abs);
      else if (e.isFile()) found.set(abs, lstatSync(abs).mtimeMs);
    }
  }
  return found;
}

/** Files a run created, with their text, to search for secrets like its output. */
export function createdFiles(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after.keys()].filter((f) => !before.has(f)).map((f) => readFileSync(f, 'utf8'));
}
