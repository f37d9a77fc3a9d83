// What the benchmark scripts share: running a measured child process, medians and percentiles,
// and the targets' results, which scripts/bench.mjs gathers into its summary table.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// BENCH_CLI names another CLI bundle to measure (an older build, say); dist/cli.js by default.
// scripts/bench.mjs points it at a copy (useCli), so a rebuild during the run changes nothing.
export let cli = path.resolve(process.env.BENCH_CLI ?? path.join(root, 'dist', 'cli.js'));
export function useCli(file) {
  cli = file;
}
export const floor = path.join(root, 'scripts', 'bench', 'floor.mjs');
const child = path.join(root, 'scripts', 'bench-child.cjs');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile: the smallest value at least p % of the values are at or below. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The `[bench-child] {...}` line scripts/bench-child.cjs writes last on standard error. */
export function parseUsage(stderr) {
  const lines = [...stderr.matchAll(/^\[bench-child\] (\{.*\})$/gm)];
  if (lines.length === 0) return undefined;
  return JSON.parse(lines[lines.length - 1][1]);
}

/**
 * Runs `script` (a CommonJS file or an ES module) under scripts/bench-child.cjs and measures it:
 * wall time from the parent (spawn to exit), whole-process CPU and peak RSS from the child.
 * `ok` lists the exit codes that are not a failure.
 */
export function run(script, args, { cwd, env, ok = [0] } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [child, script, ...args], { cwd, env: env ? { ...process.env, ...env } : process.env, maxBuffer: 1 << 30 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = r.stderr.toString('utf8');
  if (r.error) throw r.error;
  if (!ok.includes(r.status)) throw new Error(`${path.basename(script)} ${args.join(' ').slice(0, 200)} exited ${r.status ?? r.signal}:\n${stderr.slice(-2000)}`);
  const usage = parseUsage(stderr);
  if (!usage) throw new Error(`${path.basename(script)} reported no resource usage:\n${stderr.slice(-2000)}`);
  const userMs = usage.userCPU / 1000;
  const sysMs = usage.systemCPU / 1000;
  return { wallMs, userMs, sysMs, cpuMs: userMs + sysMs, rssMb: usage.maxRSS / 1024, status: r.status, stdout: r.stdout, stderr };
}

/**
 * Runs each of `subjects` (name -> () => measurement) `times` times, alternating them (ABAB..., the
 * order rotating each round) so the noise of a shared machine falls on all alike. Returns the runs
 * by name, with their medians.
 */
export function sideBySide(times, subjects) {
  const names = Object.keys(subjects);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < times; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      runs[name].push(subjects[name]());
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(runs[n])]));
}

export function summarise(runs) {
  return {
    runs,
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    userMs: median(runs.map((r) => r.userMs)),
    sysMs: median(runs.map((r) => r.sysMs)),
    rssMb: median(runs.map((r) => r.rssMb)),
  };
}

/** '2.95 s' or '380 ms'. */
export function ms(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

/** A measurement's line: wall, CPU (user + sys) and peak RSS, medians. */
export function costs(m) {
  return `wall ${ms(m.wallMs).padStart(7)}  CPU ${ms(m.cpuMs).padStart(7)} (user ${ms(m.userMs)} + sys ${ms(m.sysMs)})  peak RSS ${m.rssMb.toFixed(0).padStart(4)} MB`;
}

export function ratio(a, b) {
  return b > 0 ? a / b : Infinity;
}

/** The regular .json, .xml and .zip files under `dir`, as the CLI's folder walk finds them. */
export function inputFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => !rel.split(path.sep).some((s) => s === 'node_modules' || s === '.git'))
    .map((rel) => path.join(dir, rel))
    .filter((f) => /\.(json|xml|zip)$/i.test(f) && statSync(f).isFile());
}

export function megabytes(files) {
  return files.reduce((n, f) => n + statSync(f).size, 0) / (1024 * 1024);
}

/**
 * A target's result for the summary table: `verdict` is 'meets', 'misses', 'not available yet'
 * or 'skipped'. Kept in this process (results) and, when BENCH_RESULTS names a file, appended to
 * it as a JSON line, so scripts/bench.mjs can gather the results of the scripts it starts.
 */
export const results = [];
export function record(target, measured, verdict) {
  const entry = { target, measured, verdict };
  results.push(entry);
  if (process.env.BENCH_RESULTS) appendFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(entry)}\n`);
  return entry;
}

export function verdict(meets) {
  return meets ? 'meets' : 'misses';
}

/** The CLI's --help, to find which of the flags the benchmark measures exist yet. */
export function cliFlags() {
  const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  const help = `${r.stdout}${r.stderr}`;
  return { threads: /(^|\s)--threads\b/m.test(help), cache: /(^|\s)--cache\b/m.test(help), cacheLocation: /--cache-location\b/.test(help) };
}

/** Prints the summary table of `entries`. */
export function printSummary(entries) {
  const rows = entries.map((e) => [e.target, e.measured, e.verdict]);
  const head = ['target', 'measured', 'verdict'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
