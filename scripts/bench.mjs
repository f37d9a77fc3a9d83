// `npm run bench`: FlowGuard's performance against the targets of GitHub issue 13, each measured
// side by side in one run, and a summary table (target, measured, verdict) at the end.
//
//   1. the CLI over ../shared/corpus against a floor script (scripts/bench/floor.mjs, its own
//      process) that reads the same files, inflates the same zips, nested ones too, and
//      JSON.parses the same JSON: whole-process CPU (user + sys) at most 3x the floor's, peak RSS
//      at most 2x; CPU and RSS come from the process itself (scripts/bench-child.cjs);
//   2. the CLI against secretlint 13 + @secretlint/secretlint-rule-preset-recommend on the
//      corpus's JSON files, the same file list for both: at least 3x faster, CPU and wall
//      (secretlint is installed by npm into a scratch folder, cached: scripts/bench/secretlint.mjs;
//      without a registry the comparison is skipped, said so);
//   3. generated workspaces (scripts/generate-workspace.mjs, solutions of 1,000 flows): time per
//      flow at 1,000 and 3,000 flows, and 10,000 with BENCH_LARGE=1 (run once: BENCH_RUNS_LARGE);
//      linear when the CPU per flow, less the cost of a 1-flow run, is at the largest size within
//      1.25x of that at the smallest;
//   4. --threads 1 against --threads 2 on 1,000 flows (at least 1.6x wall on 2 cores, outputs
//      byte for byte the same), once `flowguard --help` lists --threads;
//   5. --cache: a warm rerun against a cold run (at most 10 %, outputs the same), once --help
//      lists --cache and --cache-location, and a rerun after one flow of the 1,000 was edited
//      (numbers only); then the pre-commit hook on one flow of the 1,000 against the whole
//      solution (numbers only);
//   6. where the CLI's time goes on the corpus: self time by function, file and area from a CPU
//      profile, the GC's share, the heap's peak (scripts/bench/profile.mjs);
//   7. the data-flow analysis alone (scripts/bench-analysis.mjs, numbers only);
//   8. the language server (scripts/bench-lsp.mjs): edit -> publishDiagnostics p50/p95 less the
//      debounce, and the first workspace pass over the corpus.
//
// Each measurement is the median of BENCH_RUNS runs (default 3), the subjects alternating run by
// run so a busy machine slows all alike; numbers on a shared machine are noisy all the same.
//
// Environment: BENCH_RUNS=N runs per measurement; BENCH_LARGE=1 adds 10,000 flows (about a
// minute more, one run: BENCH_RUNS_LARGE=N for more); BENCH_SIZES=1000,3000 sets the sizes;
// BENCH_SKIP=secretlint,lsp,... skips sections (corpus, secretlint, scaling, threads, cache,
// hook, profile, analysis, lsp); BENCH_EDITS=N edits per language-server measurement; BENCH_CLI=FILE
// measures another CLI bundle; BENCH_TOOLS_DIR is where secretlint is installed. The default run
// takes two to three minutes on two cores. Needs the bundles (dist/), which `npm run bench`
// builds first, and copies them before it starts; the analysis bundles what it times itself.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from './generate-workspace.mjs';
import { cli, cliFlags, costs, floor, inputFiles, megabytes, ms, printSummary, ratio, record, root, run, sideBySide, summarise, useCli, verdict } from './bench/measure.mjs';
import { profileCli } from './bench/profile.mjs';
import { ensureSecretlint } from './bench/secretlint.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const LARGE = process.env.BENCH_LARGE === '1';
const SIZES = (process.env.BENCH_SIZES ?? '1000,3000').split(',').map(Number).filter((n) => n > 0);
if (LARGE && !SIZES.includes(10_000)) SIZES.push(10_000);
SIZES.sort((a, b) => a - b);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const POLICY = path.join(root, 'samples', 'policies', 'contoso-tenant-policy.json');
const corpus = path.resolve(root, '..', 'shared', 'corpus');
const scratch = mkdtempSync(path.join(tmpdir(), 'flowguard-bench-'));
process.env.BENCH_RESULTS = path.join(scratch, 'results.jsonl');
const began = Date.now();

// The bundles are copied first, so that a rebuild while the benchmark runs (an editor's watch
// task) cannot mix two builds in one run. They read nothing beside themselves.
const bundles = path.join(scratch, 'dist');
mkdirSync(bundles);
for (const name of ['cli.js', 'cli.js.map', 'server.js', 'server.js.map']) {
  if (existsSync(path.join(root, 'dist', name))) copyFileSync(path.join(root, 'dist', name), path.join(bundles, name));
}
// What ships is timed: the production CLI (minified, a launcher with a V8 code cache, see
// scripts/cli-launcher.mjs), built into the scratch folder; its code cache is kept there too
// (XDG_CACHE_HOME) and made by one run before the first measurement, as an installed CLI has it.
// The profile (section 6) reads the development bundle, whose source map names the sources.
const devCli = path.join(bundles, 'cli.js');
let shippedCli = devCli;
if (!process.env.BENCH_CLI) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--cli', path.join(bundles, 'cli-shipped.js')], { cwd: root, encoding: 'utf8' });
  if (built.status === 0) shippedCli = path.join(bundles, 'cli-shipped.js');
  else console.log(`(the production CLI did not build, so the development bundle is timed: ${built.stderr.trim()})`);
  useCli(shippedCli);
}
process.env.XDG_CACHE_HOME = path.join(scratch, 'xdg-cache');
// The language server that ships too (a launcher with code caches, as the CLI; scripts/bench-lsp.mjs makes them first).
if (!process.env.BENCH_SERVER) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--server', path.join(bundles, 'server-shipped.js')], { cwd: root, encoding: 'utf8' });
  process.env.BENCH_SERVER = built.status === 0 ? path.join(bundles, 'server-shipped.js') : path.join(bundles, 'server.js');
  if (built.status !== 0) console.log(`(the production server did not build, so the development bundle is timed: ${built.stderr.trim()})`);
}

const x = (value) => `${value.toFixed(value >= 10 ? 1 : 2)}x`;
const flowguard = (args, cwd, ok = [0, 1]) => () => run(cli, args, { cwd, ok });
const theFloor = (args, cwd) => () => run(floor, args, { cwd });

function identical(buffers) {
  return buffers.every((b) => b.equals(buffers[0]));
}

/** CLI and floor side by side on the same input; prints both and the ratios. */
function againstFloor(label, cwd, cliArgs, floorArgs, runs = RUNS) {
  const m = sideBySide(runs, { cli: flowguard(cliArgs, cwd), floor: theFloor(floorArgs, cwd) });
  let report;
  try {
    report = JSON.parse(m.cli.runs[0].stdout.toString('utf8'));
  } catch {
    throw new Error(`the CLI printed no JSON report (exit ${m.cli.runs[0].status}):\n${m.cli.runs[0].stderr.slice(-2000)}`);
  }
  const did = JSON.parse(m.floor.runs[0].stdout.toString('utf8'));
  const { flows, files } = report.summary;
  const cpu = ratio(m.cli.cpuMs, m.floor.cpuMs);
  const rss = ratio(m.cli.rssMb, m.floor.rssMb);
  console.log(`  read           CLI: ${files} files (zip entries included), ${flows} flows; floor: ${did.files} files from disk (${(did.bytesRead / 2 ** 20).toFixed(1)} MB), ${did.zips} zips with ${did.entries} entries inflated (${(did.bytesInflated / 2 ** 20).toFixed(1)} MB), ${did.json} JSON parsed, ${did.xml} XML decoded`);
  console.log(`  flowguard CLI  ${costs(m.cli)}  ${(flows / (m.cli.wallMs / 1000)).toFixed(0)} flows/s, ${(did.bytesRead / 2 ** 20 / (m.cli.wallMs / 1000)).toFixed(1)} MB/s`);
  console.log(`  floor          ${costs(m.floor)}`);
  console.log(`  CLI / floor    CPU ${x(cpu)}  wall ${x(ratio(m.cli.wallMs, m.floor.wallMs))}  peak RSS ${x(rss)}   (medians of ${runs}; ${label})`);
  const outputs = m.cli.runs.map((r) => r.stdout);
  if (outputs.length > 1) console.log(`  determinism    ${identical(outputs) ? `the ${outputs.length} runs' JSON reports are byte for byte the same` : 'the runs\' JSON reports DIFFER'}`);
  return { m, cpu, rss, flows, reference: outputs[0] };
}

console.log(`FlowGuard benchmark (GitHub issue 13): node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`Medians of ${RUNS} run${RUNS > 1 ? 's' : ''} (BENCH_RUNS), subjects alternating; CPU is user + sys of the whole process, worker threads included. A shared machine makes these noisy.`);
console.log(`Timed: ${path.basename(cli)}${cli === shippedCli && shippedCli !== devCli ? ' (the production build that ships)' : ''}`);
// One run first, so the production CLI's code cache exists, as it does once a CLI has run.
if (existsSync(corpus)) spawnSync(process.execPath, [cli, '.', '--format', 'json'], { cwd: corpus, stdio: 'ignore' });

let corpusReference;
try {
  // 1. The corpus against the floor.
  if (SKIP.has('corpus')) {
    console.log('\n(corpus section skipped: BENCH_SKIP)');
  } else if (!existsSync(corpus)) {
    console.log('\n(../shared/corpus not found: the corpus targets are skipped)');
    record('CLI CPU over the corpus <= 3x the floor', 'no ../shared/corpus', 'skipped');
    record('CLI peak RSS over the corpus <= 2x the floor', 'no ../shared/corpus', 'skipped');
  } else {
    const list = inputFiles(corpus);
    console.log(`\n1. CLI over ../shared/corpus (${list.length} .json/.xml/.zip files on disk, ${megabytes(list).toFixed(1)} MB) against the floor (scripts/bench/floor.mjs)`);
    const r = againstFloor('flowguard . --format json  vs  floor.mjs .', corpus, ['.', '--format', 'json'], ['.']);
    corpusReference = r.reference;
    record('CLI CPU over the corpus <= 3x the floor', `${x(r.cpu)} (${ms(r.m.cli.cpuMs)} vs ${ms(r.m.floor.cpuMs)})`, verdict(r.cpu <= 3));
    record('CLI peak RSS over the corpus <= 2x the floor', `${x(r.rss)} (${r.m.cli.rssMb.toFixed(0)} MB vs ${r.m.floor.rssMb.toFixed(0)} MB)`, verdict(r.rss <= 2));
  }

  // 2. secretlint on the corpus's JSON files.
  if (SKIP.has('secretlint')) {
    console.log('\n(secretlint section skipped: BENCH_SKIP)');
  } else if (!existsSync(corpus)) {
    record('CLI >= 3x faster than secretlint (CPU and wall)', 'no ../shared/corpus', 'skipped');
  } else {
    const tool = ensureSecretlint();
    if ('skipped' in tool) {
      console.log(`\n2. secretlint: ${tool.skipped}; skipping the comparison.`);
      record('CLI >= 3x faster than secretlint (CPU and wall)', 'secretlint could not be installed (no registry?)', 'skipped');
    } else {
      const json = inputFiles(corpus).filter((f) => /\.json$/i.test(f)).map((f) => path.relative(corpus, f)).sort();
      console.log(`\n2. CLI against ${tool.version} (${tool.installed ? 'installed now' : 'cached'} in ${path.relative(root, tool.dir)}), on the corpus's ${json.length} JSON files, the same list for both, default (stylish) output`);
      // The CLI exits 2 here because some of the files named are no flow (connector definitions, settings): it reports and skips them.
      const m = sideBySide(RUNS, {
        cli: flowguard(json, corpus, [0, 1, 2]),
        secretlint: () => run(tool.bin, ['--secretlintrc', tool.config, ...json], { cwd: corpus, ok: [0, 1] }),
      });
      const cpu = ratio(m.secretlint.cpuMs, m.cli.cpuMs);
      const wall = ratio(m.secretlint.wallMs, m.cli.wallMs);
      const tail = m.cli.runs[0].stdout.toString('utf8').trim().split('\n').pop();
      console.log(`  flowguard CLI  ${costs(m.cli)}   (${tail.replace(/\u001b\[[0-9;]*m/g, '')})`);
      console.log(`  secretlint     ${costs(m.secretlint)}   (--secretlintrc ${path.relative(root, tool.config)})`);
      console.log(`  speed-up       secretlint / CLI: CPU ${x(cpu)}  wall ${x(wall)}  (above 1: FlowGuard is faster)`);
      record('CLI >= 3x faster than secretlint (CPU and wall)', `CPU ${x(cpu)}, wall ${x(wall)} (CLI ${ms(m.cli.cpuMs)} / ${ms(m.cli.wallMs)}; secretlint ${ms(m.secretlint.cpuMs)} / ${ms(m.secretlint.wallMs)})`, verdict(cpu >= 3 && wall >= 3));
    }
  }

  // 3. Generated workspaces of growing size. The 1,000-flow one stays for sections 4 and 5.
  const workspaces = new Map();
  const workspace = (flows) => {
    if (!workspaces.has(flows)) {
      const dir = path.join(scratch, `ws-${flows}`);
      workspaces.set(flows, { dir, roots: generateWorkspace(dir, flows, 20, { perSolution: 1000 }) });
    }
    return workspaces.get(flows);
  };
  const drop = (flows) => {
    const ws = workspaces.get(flows);
    if (!ws || flows === 1000) return;
    rmSync(ws.dir, { recursive: true, force: true });
    workspaces.delete(flows);
  };
  const generatedArgs = ['.', '--format', 'json', '--policy', POLICY];
  let reference1000;
  if (SKIP.has('scaling')) {
    console.log('\n(scaling section skipped: BENCH_SKIP)');
  } else {
    console.log(`\n3. Generated workspaces: flows of 20 actions (CRLF, BOM) in solutions of 1,000, with the samples' tenant policy, against the floor; sizes ${SIZES.join(', ')}${LARGE ? '' : ' (10,000 with BENCH_LARGE=1)'}`);
    // What a run costs whatever its size (start-up, loading the policy, one flow), so per-flow
    // costs can be read without it: a large size otherwise looks cheaper per flow than it is.
    const one = path.join(scratch, 'ws-1');
    generateWorkspace(one, 1, 20, { perSolution: 1000 });
    const fixed = sideBySide(RUNS, { cli: flowguard(generatedArgs, one) }).cli;
    rmSync(one, { recursive: true, force: true });
    console.log(`\n  fixed cost     1 flow: ${costs(fixed)}  (subtracted below as "less the fixed cost")`);
    const perFlow = [];
    for (const flows of SIZES) {
      const ws = workspace(flows);
      const list = ws.roots.flatMap((r) => inputFiles(path.join(ws.dir, r)));
      console.log(`\n  ${flows.toLocaleString('en')} flows: ${list.length} files, ${megabytes(list).toFixed(1)} MB (${ws.roots.length} solution${ws.roots.length > 1 ? 's' : ''})`);
      const runs = flows >= 10_000 ? Math.max(1, Number(process.env.BENCH_RUNS_LARGE ?? 1)) : RUNS;
      const r = againstFloor('flowguard . --format json --policy contoso-tenant-policy.json  vs  floor.mjs . contoso-tenant-policy.json', ws.dir, generatedArgs, ['.', POLICY], runs);
      if (flows === 1000) reference1000 = r.reference;
      const n = r.flows;
      const p = { flows, cpu: r.m.cli.cpuMs / n, wall: r.m.cli.wallMs / n, net: (r.m.cli.cpuMs - fixed.cpuMs) / (n - 1), netWall: (r.m.cli.wallMs - fixed.wallMs) / (n - 1), floorCpu: r.m.floor.cpuMs / n, rss: r.m.cli.rssMb };
      perFlow.push(p);
      console.log(`  per flow       CLI CPU ${p.cpu.toFixed(2)} ms, wall ${p.wall.toFixed(2)} ms; less the fixed cost: CPU ${p.net.toFixed(2)} ms, wall ${p.netWall.toFixed(2)} ms; floor CPU ${p.floorCpu.toFixed(3)} ms`);
      if (n !== flows) console.log(`  NOTE           the CLI reported ${n} flows, not ${flows}`);
      drop(flows);
    }
    console.log('\n   flows  CLI CPU/flow  CLI wall/flow  less the fixed cost: CPU/flow  wall/flow  floor CPU/flow  CLI peak RSS');
    for (const p of perFlow) {
      console.log(`  ${String(p.flows).padStart(6)}  ${p.cpu.toFixed(2).padStart(9)} ms  ${p.wall.toFixed(2).padStart(10)} ms  ${p.net.toFixed(2).padStart(23)} ms  ${p.netWall.toFixed(2).padStart(6)} ms  ${p.floorCpu.toFixed(3).padStart(11)} ms  ${p.rss.toFixed(0).padStart(9)} MB`);
    }
    if (perFlow.length > 1) {
      const first = perFlow[0];
      const last = perFlow[perFlow.length - 1];
      const growth = last.net / first.net;
      // CPU decides: wall time on a shared machine says more about the neighbours than about FlowGuard.
      record(`linear: CPU per flow at ${last.flows.toLocaleString('en')} flows <= 1.25x that at ${first.flows.toLocaleString('en')}${last.flows < 10_000 ? ' (10,000: BENCH_LARGE=1)' : ''}`, `${x(growth)} (${first.net.toFixed(2)} -> ${last.net.toFixed(2)} ms/flow less the fixed cost; wall ${x(last.netWall / first.netWall)}; peak RSS ${first.rss.toFixed(0)} -> ${last.rss.toFixed(0)} MB)`, verdict(growth <= 1.25));
    }
  }

  const flags = cliFlags();

  // 4. Worker threads.
  if (SKIP.has('threads')) {
    console.log('\n(threads section skipped: BENCH_SKIP)');
  } else if (!flags.threads) {
    console.log('\n4. --threads: not available yet (flowguard --help does not list it)');
    record('--threads 2 >= 1.6x --threads 1 on 1,000 flows, same output', 'not available yet', 'not available yet');
  } else if (availableParallelism() < 2) {
    console.log('\n4. --threads: this machine has one core; the speed-up cannot be measured');
    record('--threads 2 >= 1.6x --threads 1 on 1,000 flows, same output', 'one core', 'skipped');
  } else {
    const ws = workspace(1000);
    console.log('\n4. --threads 1 against --threads 2 on the 1,000-flow workspace');
    const m = sideBySide(RUNS, {
      one: flowguard([...generatedArgs, '--threads', '1'], ws.dir),
      two: flowguard([...generatedArgs, '--threads', '2'], ws.dir),
    });
    const speedup = ratio(m.one.wallMs, m.two.wallMs);
    const outputs = [...m.one.runs, ...m.two.runs].map((r) => r.stdout);
    if (reference1000) outputs.push(reference1000);
    const same = identical(outputs);
    console.log(`  --threads 1    ${costs(m.one)}`);
    console.log(`  --threads 2    ${costs(m.two)}`);
    console.log(`  speed-up       wall ${x(speedup)}  (CPU ${x(ratio(m.two.cpuMs, m.one.cpuMs))} of one thread's)`);
    console.log(`  output         ${same ? `byte for byte the same in all ${outputs.length} runs${reference1000 ? ' (the default run of section 3 included)' : ''}` : 'DIFFERS between runs'}`);
    record('--threads 2 >= 1.6x --threads 1 on 1,000 flows, same output', `${x(speedup)} wall (${ms(m.one.wallMs)} -> ${ms(m.two.wallMs)}), output ${same ? 'identical' : 'DIFFERS'}`, verdict(speedup >= 1.6 && same));
  }

  // 5. The cache.
  if (SKIP.has('cache')) {
    console.log('\n(cache section skipped: BENCH_SKIP)');
  } else if (!flags.cache) {
    console.log('\n5. --cache: not available yet (flowguard --help does not list it)');
    record('--cache: unchanged rerun <= 10 % of a cold run, same output', 'not available yet', 'not available yet');
  } else if (!flags.cacheLocation) {
    console.log('\n5. --cache is listed but --cache-location is not: not measured (the cache would be written into the corpus)');
    record('--cache: unchanged rerun <= 10 % of a cold run, same output', '--cache-location missing', 'skipped');
  } else {
    console.log('\n5. --cache: a cold run (no cache file) against an unchanged rerun (warm), --cache-location in a scratch folder');
    const subjects = [];
    if (existsSync(corpus) && !SKIP.has('corpus')) subjects.push({ label: 'corpus', cwd: corpus, args: ['.', '--format', 'json'], reference: corpusReference });
    const ws = workspace(1000);
    subjects.push({ label: '1,000 flows', cwd: ws.dir, args: generatedArgs, reference: reference1000 });
    let worst = 0;
    let allSame = true;
    for (const s of subjects) {
      const location = path.join(scratch, `cache-${s.label.replace(/\W+/g, '-')}`, '.flowguardcache');
      const args = [...s.args, '--cache', '--cache-location', location];
      const cold = [];
      const warm = [];
      for (let i = 0; i < RUNS; i++) {
        rmSync(path.dirname(location), { recursive: true, force: true });
        cold.push(run(cli, args, { cwd: s.cwd, ok: [0, 1] }));
        warm.push(run(cli, args, { cwd: s.cwd, ok: [0, 1] }));
      }
      const c = summarise(cold);
      const w = summarise(warm);
      const outputs = [...cold, ...warm].map((r) => r.stdout);
      if (s.reference) outputs.push(s.reference);
      const same = identical(outputs);
      allSame &&= same;
      const share = Math.max(ratio(w.wallMs, c.wallMs), ratio(w.cpuMs, c.cpuMs));
      worst = Math.max(worst, share);
      console.log(`  ${s.label}`);
      console.log(`    cold         ${costs(c)}`);
      console.log(`    warm         ${costs(w)}`);
      console.log(`    warm / cold  wall ${(100 * ratio(w.wallMs, c.wallMs)).toFixed(0)} %  CPU ${(100 * ratio(w.cpuMs, c.cpuMs)).toFixed(0)} %;  output ${same ? `byte for byte the same${s.reference ? ' as without --cache' : ''}` : 'DIFFERS'}`);
    }
    record('--cache: unchanged rerun <= 10 % of a cold run, same output', `${(100 * worst).toFixed(0)} % at worst (wall or CPU, ${subjects.map((s) => s.label).join(' and ')}), output ${allSame ? 'identical' : 'DIFFERS'}`, verdict(worst <= 0.1 && allSame));

    // One flow of the 1,000 edited before each rerun (no target of its own): the run lints that
    // flow again and keeps the others' outlines and findings; its report must be a plain run's.
    const flowFile = ws.roots.flatMap((r) => inputFiles(path.join(ws.dir, r))).filter((f) => /[\\/]Workflows[\\/][^\\/]+\.json$/.test(f)).sort()[250];
    if (flowFile) {
      const location = path.join(scratch, 'cache-edited', '.flowguardcache');
      const args = [...generatedArgs, '--cache', '--cache-location', location];
      const original = readFileSync(flowFile, 'utf8');
      try {
        rmSync(path.dirname(location), { recursive: true, force: true });
        const cold = run(cli, args, { cwd: ws.dir, ok: [0, 1] });
        const edited = [];
        for (let i = 0; i < RUNS; i++) {
          writeFileSync(flowFile, i % 2 === 0 ? original.replace('"runAfter"', '"runAfter" ') : original);
          edited.push(run(cli, args, { cwd: ws.dir, ok: [0, 1] }));
        }
        const plain = run(cli, generatedArgs, { cwd: ws.dir, ok: [0, 1] });
        const e = summarise(edited);
        const same = edited[edited.length - 1].stdout.equals(plain.stdout);
        console.log('  1,000 flows, one flow edited before each rerun');
        console.log(`    cold         ${costs(summarise([cold]))}`);
        console.log(`    edited       ${costs(e)}`);
        console.log(`    edited / cold  wall ${(100 * ratio(e.wallMs, cold.wallMs)).toFixed(0)} %  CPU ${(100 * ratio(e.cpuMs, cold.cpuMs)).toFixed(0)} %;  the last report ${same ? 'byte for byte a plain run\'s' : 'DIFFERS from a plain run'}`);
      } finally {
        writeFileSync(flowFile, original);
      }
    }
  }

  // The pre-commit hook (no target of its own): one flow of a solution of 1,000 staged, as
  // pre-commit passes it, against a lint of the whole solution; the hook must report that flow's
  // findings exactly as the whole lint does.
  if (!SKIP.has('hook')) {
    const ws = workspace(1000);
    const staged = ws.roots.flatMap((r) => inputFiles(path.join(ws.dir, r))).filter((f) => /[\\/]Workflows[\\/][^\\/]+\.json$/.test(f)).sort()[500];
    if (staged) {
      const file = path.relative(ws.dir, staged).split(path.sep).join('/');
      console.log(`\n5b. The pre-commit hook: flowguard --hook on one staged flow of the 1,000 (${path.basename(file)}), against the whole solution`);
      const m = sideBySide(RUNS, { hook: flowguard(['--hook', file, '--format', 'json', '--policy', POLICY], ws.dir), whole: flowguard(generatedArgs, ws.dir) });
      const ofFile = (stdout) => JSON.stringify(JSON.parse(stdout.toString('utf8')).findings.filter((f) => f.file === file));
      const same = ofFile(m.hook.runs[0].stdout) === ofFile(m.whole.runs[0].stdout) && identical(m.hook.runs.map((r) => r.stdout));
      console.log(`  --hook FILE    ${costs(m.hook)}`);
      console.log(`  whole (.)      ${costs(m.whole)}`);
      console.log(`  hook / whole   wall ${(100 * ratio(m.hook.wallMs, m.whole.wallMs)).toFixed(0)} %  CPU ${(100 * ratio(m.hook.cpuMs, m.whole.cpuMs)).toFixed(0)} %;  the staged flow's findings ${same ? 'the same as in the whole lint' : 'DIFFER from the whole lint'}`);
    }
  }

  for (const flows of [...workspaces.keys()]) rmSync(workspaces.get(flows).dir, { recursive: true, force: true });

  // 6. Where the CLI's time goes on the corpus: a CPU profile and a GC trace.
  if (!SKIP.has('profile') && existsSync(corpus)) {
    console.log('\n6. Where the CLI\'s time goes on ../shared/corpus (one run each; scripts/bench/profile.mjs)');
    try {
      if (!process.env.BENCH_CLI) useCli(devCli);
      profileCli({ cwd: corpus, args: ['.', '--format', 'json'] });
      if (!process.env.BENCH_CLI) useCli(shippedCli);
    } catch (error) {
      console.log(`  (the profile failed: ${error instanceof Error ? error.message : String(error)})`);
    }
  }

  // 7. and 8. The other scripts, in their own processes.
  if (!SKIP.has('analysis')) {
    console.log('\n7. The data-flow analysis alone (scripts/bench-analysis.mjs, in process, best of 5)');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-analysis.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) console.log(`(scripts/bench-analysis.mjs exited ${r.status})`);
  }
  if (!SKIP.has('lsp')) {
    console.log('\n8. The language server (scripts/bench-lsp.mjs)');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-lsp.mjs')], { stdio: 'inherit', env: process.env });
    if (r.status !== 0) {
      console.log(`(scripts/bench-lsp.mjs exited ${r.status})`);
      record('language server targets', `scripts/bench-lsp.mjs exited ${r.status}`, 'misses');
    }
  }

  console.log(`\nSummary (${Math.round((Date.now() - began) / 1000)} s, load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}; medians on a shared machine, noisy)\n`);
  const entries = existsSync(process.env.BENCH_RESULTS) ? readFileSync(process.env.BENCH_RESULTS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  printSummary(entries);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

