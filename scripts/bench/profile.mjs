// Where the CLI's time and memory go: one run under --cpu-prof, summarised as self time by
// function and by source file (through dist/cli.js.map, so bundle positions read as core/...ts),
// the garbage collector's share of the main thread, and one run under --trace-gc for the heap's
// peak (the largest heap size seen before a collection) and the time spent in GC pauses.
//
//   node scripts/bench/profile.mjs [DIR] [-- CLI ARGS...]     (DIR defaults to ../shared/corpus, args to '. --format json')
//
// scripts/bench.mjs runs it on the corpus as section 7 (BENCH_SKIP=profile skips it). Needs a
// bundle with its source map (`node scripts/build.mjs`, not --production) to name source files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cli, ms, parseUsage, root } from './measure.mjs';

const BASE64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** The mappings of a source map: for each generated line, [column, source, line][] by column. */
function decodeMappings(map) {
  const lines = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let col = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const c of segment) {
        const digit = BASE64[c];
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0];
      if (values.length >= 4) {
        source += values[1];
        origLine += values[2];
        origCol += values[3];
        segments.push([col, source, origLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Maps (line, column) of dist/cli.js, both 0-based, to 'core/artifacts/json.ts:12'. */
function sourceMapper(bundle) {
  const mapFile = `${bundle}.map`;
  if (!existsSync(mapFile)) return undefined;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = decodeMappings(map);
  // Sources are relative to dist/, where the bundle was built (the bench may run a copy of it).
  const sources = map.sources.map((s) => path.relative(root, path.resolve(root, 'dist', map.sourceRoot ?? '', s)).split(path.sep).join('/'));
  return (line, column) => {
    const segments = lines[line];
    if (!segments || segments.length === 0) return undefined;
    let lo = 0;
    let hi = segments.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid][0] <= column) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const [, source, origLine] = segments[Math.max(best, 0)];
    return { file: sources[source], line: origLine + 1 };
  };
}

/** 'core/artifacts', 'rules', 'node_modules/jsonc-parser', 'node: internals', ... */
function area(file) {
  if (!file) return '?';
  if (file.startsWith('node:')) return 'node: internals';
  const nm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (nm) return `node_modules/${nm[1]}`;
  // saxes and xmlchars ship source maps that name their sources src/...; FlowGuard has no src/.
  if (/^src\/(saxes|xml)/.test(file)) return 'node_modules/saxes (xml parser)';
  const parts = file.split('/');
  if (parts[0] === 'core' && parts.length > 2) return `core/${parts[1]}`;
  return parts[0];
}

function summariseProfile(profile, mapper) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map();
  const files = new Map();
  const areas = new Map();
  const special = new Map();
  const bundleUrl = pathToFileURL(cli).href;
  for (const [id, t] of self) {
    const { callFrame: f } = byId.get(id);
    if (f.functionName.startsWith('(') && f.url === '') {
      special.set(f.functionName, (special.get(f.functionName) ?? 0) + t);
      continue;
    }
    let where;
    if (f.url === bundleUrl && mapper) {
      const at = mapper(f.lineNumber, f.columnNumber);
      where = at ? { file: at.file, line: at.line } : { file: 'dist/cli.js', line: f.lineNumber + 1 };
    } else if (f.url.startsWith('node:') || f.url === '') {
      where = { file: f.url || 'native', line: f.lineNumber + 1 };
      if (!f.url) where.file = 'node: internals (native)';
    } else {
      where = { file: path.relative(root, fileURLToPath(f.url)), line: f.lineNumber + 1 };
    }
    const key = `${f.functionName || '(anonymous)'}  ${where.file}:${where.line}`;
    functions.set(key, (functions.get(key) ?? 0) + t);
    files.set(where.file, (files.get(where.file) ?? 0) + t);
    const a = where.file.startsWith('node: internals') ? 'node: internals' : area(where.file);
    areas.set(a, (areas.get(a) ?? 0) + t);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, special, functions: top(functions, 20), files: top(files, 12), areas: top(areas, 12) };
}

/** Runs the CLI once under --cpu-prof and once under --trace-gc; prints the summaries. */
export function profileCli({ cwd, args }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-profile-'));
  try {
    const report = path.join(dir, 'report.out');
    const cliArgs = [...args, '-o', report];
    const start = process.hrtime.bigint();
    const p = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(root, 'scripts', 'bench-child.cjs'), cli, ...cliArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    const usage = parseUsage(p.stderr);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file || !usage) throw new Error(`the profiled run left no profile (exit ${p.status}): ${p.stderr.slice(-1000)}`);
    const s = summariseProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), sourceMapper(cli));
    const cpuMs = (usage.userCPU + usage.systemCPU) / 1000;
    const pct = (t) => `${((100 * t) / s.total).toFixed(1).padStart(5)} %`;
    const gc = s.special.get('(garbage collector)') ?? 0;
    console.log(`  --cpu-prof run: wall ${ms(wallMs)}, process CPU ${ms(cpuMs)}; the profile samples the main thread's wall time, ${ms(s.total)} (process CPU also holds V8's helper threads, concurrent GC and compilation, and libuv's pool, zlib and file reads; on a busy machine the samples also hold time the OS gave other processes, spread over whatever ran)`);
    console.log(`  main thread: garbage collector ${pct(gc)}, (program) ${pct(s.special.get('(program)') ?? 0)}, idle ${pct(s.special.get('(idle)') ?? 0)}`);
    console.log('  self time by area:');
    for (const [name, t] of s.areas) console.log(`    ${pct(t)}  ${ms(t).padStart(7)}  ${name}`);
    console.log('  self time by source file:');
    for (const [name, t] of s.files) console.log(`    ${pct(t)}  ${ms(t).padStart(7)}  ${name}`);
    console.log('  top self-time functions:');
    for (const [name, t] of s.functions) console.log(`    ${pct(t)}  ${ms(t).padStart(7)}  ${name}`);

    const g = spawnSync(process.execPath, ['--trace-gc', path.join(root, 'scripts', 'bench-child.cjs'), cli, ...cliArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const gcUsage = parseUsage(g.stderr);
    let peak = 0;
    let pauses = 0;
    let scavenges = 0;
    let marks = 0;
    // "[pid:0x..]   123 ms: Mark-Compact 250.1 (280.3) -> 200.3 (290.1) MB, 45.6 / 0.0 ms  ..."
    for (const m of g.stdout.matchAll(/: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/g)) {
      peak = Math.max(peak, Number(m[2]));
      pauses += Number(m[6]);
      if (m[1] === 'Scavenge') scavenges++;
      else marks++;
    }
    console.log(`  --trace-gc run: heap peak ${peak.toFixed(0)} MB used (before a collection), peak RSS ${gcUsage ? (gcUsage.maxRSS / 1024).toFixed(0) : '?'} MB; ${scavenges} scavenges and ${marks} mark-compacts, ${ms(pauses)} of pauses on the main thread`);
    return { gcShare: gc / s.total, peakHeapMb: peak };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const dir = path.resolve(dash === 0 ? path.join(root, '..', 'shared', 'corpus') : argv[0] ?? path.join(root, '..', 'shared', 'corpus'));
  const args = dash >= 0 ? argv.slice(dash + 1) : ['.', '--format', 'json'];
  console.log(`Profile of flowguard ${args.join(' ')} in ${dir}`);
  profileCli({ cwd: dir, args });
}
