// `npm run bench`: how fast the CLI lints, beside the time merely to read and JSON.parse the same
// files. Prints numbers; asserts nothing. Runs over ../shared/corpus (when present) and over a
// generated workspace of 1,000 flows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function files(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(dir, rel))
    .filter((f) => /\.(json|xml|zip)$/i.test(f) && statSync(f).isFile());
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Reading every file and parsing the JSON ones: the floor any linter of these files stands on. */
function baseline(list) {
  const start = process.hrtime.bigint();
  for (const f of list) {
    const bytes = readFileSync(f);
    if (f.toLowerCase().endsWith('.json')) {
      try {
        JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      } catch {
        // a broken file costs its read all the same
      }
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function runCli(dir, extra) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(root, 'scripts', 'bench-child.cjs'), cli, '.', '--format', 'json', ...extra], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`flowguard exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  const rss = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { ms, report, rssMb: rss / 1024 };
}

function bench(label, dir, extra = []) {
  const list = files(dir);
  const bytes = list.reduce((n, f) => n + statSync(f).size, 0);
  const mb = bytes / (1024 * 1024);
  const runs = Array.from({ length: RUNS }, () => runCli(dir, extra));
  const ms = median(runs.map((r) => r.ms));
  const base = median(Array.from({ length: RUNS }, () => baseline(list)));
  const { flows, files: read } = runs[0].report.summary;
  console.log(`\n${label}`);
  console.log(`  input          ${list.length} files on disk, ${mb.toFixed(1)} MB; ${read} files read (zip entries included), ${flows} flows`);
  console.log(`  flowguard CLI  ${ms.toFixed(0)} ms (median of ${RUNS}, process start included)  ${(flows / (ms / 1000)).toFixed(0)} flows/s  ${(mb / (ms / 1000)).toFixed(1)} MB/s  peak RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`);
  console.log(`  read+JSON.parse ${base.toFixed(0)} ms  ${(mb / (base / 1000)).toFixed(1)} MB/s (zips read, not unpacked)`);
  console.log(`  ratio          ${(ms / base).toFixed(1)}x the read+parse floor`);
}

const corpus = path.resolve(root, '..', 'shared', 'corpus');
if (existsSync(corpus)) bench('../shared/corpus (real exports)', corpus);
else console.log('(../shared/corpus not found: skipping the corpus benchmark)');

const generated = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-'));
try {
  generateWorkspace(generated, 1000, 20);
  bench('generated workspace: 1,000 flows x 20 actions (CRLF, BOM)', generated, ['--policy', path.join(root, 'samples', 'policies', 'contoso-tenant-policy.json')]);
} finally {
  rmSync(generated, { recursive: true, force: true });
}
