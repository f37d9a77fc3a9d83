import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledCli } from '../helpers/cli';
import { FIXTURES, ROOT } from '../helpers/fixtures';

// One warning, so stylish output has a coloured severity, path and position.
const FLOW = path.join(FIXTURES, 'error-handling', 'incomplete-catch', 'failed-only.json');
const ESC = '\u001b[';
const CLEAN = { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' };

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The bundled CLI on a pseudo-terminal (util-linux `script`), as in a person's shell; undefined without `script`. */
function onTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const command = [process.execPath, path.join(ROOT, 'dist', 'cli.js'), ...args].map(quote).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, ...CLEAN, ...env } });
  return run.error || run.status === null ? undefined : run.stdout;
}

describe('cli: colours follow NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-color-'));
    cpSync(FLOW, path.join(dir, 'flow.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const piped = (env: NodeJS.ProcessEnv, ...args: string[]): boolean => {
    const run = bundledCli(['flow.json', ...args], dir, { env: { ...CLEAN, ...env } });
    assert.equal(run.code, 0, run.stderr);
    return run.stdout.includes(ESC);
  };

  it('through a pipe: plain, unless FORCE_COLOR is 1, 2, 3, true or empty (as Node.js reads it)', () => {
    assert.equal(piped({}), false);
    for (const value of ['1', '2', '3', 'true', '']) assert.equal(piped({ FORCE_COLOR: value }), true, `FORCE_COLOR=${value}`);
    for (const value of ['0', 'false']) assert.equal(piped({ FORCE_COLOR: value }), false, `FORCE_COLOR=${value}`);
  });

  it('FORCE_COLOR wins over NO_COLOR, and --color / --no-color over both', () => {
    assert.equal(piped({ FORCE_COLOR: '1', NO_COLOR: '1' }), true);
    assert.equal(piped({ FORCE_COLOR: '1' }, '--no-color'), false);
    assert.equal(piped({ FORCE_COLOR: '0' }, '--color'), true);
    assert.equal(piped({ NO_COLOR: '1' }, '--color'), true);
  });

  it('on a terminal: colours, unless NO_COLOR is set and not empty or TERM=dumb', function () {
    const color = (env: NodeJS.ProcessEnv): boolean | undefined => onTerminal(['flow.json'], dir, env)?.includes(ESC);
    if (color({}) === undefined) {
      console.log('      (skipped: util-linux script is not installed, so there is no pseudo-terminal)');
      this.skip();
    }
    assert.equal(color({}), true);
    assert.equal(color({ NO_COLOR: '1' }), false);
    assert.equal(color({ NO_COLOR: 'false' }), false, 'any value but the empty string');
    assert.equal(color({ NO_COLOR: '' }), true);
    assert.equal(color({ TERM: 'dumb' }), false);
    assert.equal(color({ TERM: 'dumb', FORCE_COLOR: '1' }), true);
    assert.equal(color({ FORCE_COLOR: '0' }), false);
  });
});
