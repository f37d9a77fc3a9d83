// secretlint 13 with @secretlint/secretlint-rule-preset-recommend, for the benchmark to compare
// with: installed by npm into a scratch folder, never as a dependency of the project, and kept
// there between runs. The folder is BENCH_TOOLS_DIR, else node_modules/.cache/flowguard-bench
// (node_modules is ignored by git and `npm ci` clears it). When npm cannot install it (no
// registry), the caller prints why and skips the comparison.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { root } from './measure.mjs';

const PACKAGES = ['secretlint@13', '@secretlint/secretlint-rule-preset-recommend@13'];

function versionOf(dir, name) {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** npm as the one running this script (`npm run bench`), else the npm on the PATH. */
function npm(args, cwd) {
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /\.c?js$/.test(execPath) ? [process.execPath, [execPath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  return spawnSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', timeout: 180_000, shell: process.platform === 'win32' });
}

/**
 * Returns { bin, config, version, installed } ready to run, or { skipped: reason }. `installed`
 * says whether this call installed it (false: found in the cache).
 */
export function ensureSecretlint() {
  const dir = path.resolve(process.env.BENCH_TOOLS_DIR ?? path.join(root, 'node_modules', '.cache', 'flowguard-bench'), 'secretlint');
  const config = path.join(dir, '.secretlintrc.json');
  const bin = path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const ready = () => /^13\./.test(versionOf(dir, 'secretlint') ?? '') && /^13\./.test(versionOf(dir, '@secretlint/secretlint-rule-preset-recommend') ?? '') && existsSync(bin);
  let installed = false;
  if (!ready()) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'package.json'))) writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'flowguard-bench-secretlint', private: true, description: 'scratch install of secretlint for scripts/bench.mjs' }, null, 2)}\n`);
    // Quick to give up without a registry: one retry after a second, 20 s per request.
    const r = npm(['install', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', '--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=2000', '--fetch-timeout=20000', ...PACKAGES], dir);
    if (r.error || r.status !== 0 || !ready()) {
      const lines = (r.error?.message ?? `${r.stderr}${r.stdout}`).split('\n').map((l) => l.replace(/^npm (error|ERR!) ?/, '').trim()).filter(Boolean);
      const why = lines.find((l) => /^(FetchError|code )/.test(l)) ?? lines[0];
      return { skipped: `npm could not install ${PACKAGES.join(' and ')} into ${path.relative(root, dir).startsWith('..') ? dir : path.relative(root, dir)} (${why || `exit ${r.status}`})` };
    }
    installed = true;
  }
  writeFileSync(config, `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2)}\n`);
  return { bin, config, dir, installed, version: `secretlint ${versionOf(dir, 'secretlint')}, preset-recommend ${versionOf(dir, '@secretlint/secretlint-rule-preset-recommend')}` };
}
