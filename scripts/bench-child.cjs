// Runs the script named by argv[2] (the CLI bundle, the floor, secretlint's bin: CommonJS is
// required, an ES module imported) with the arguments after it, and on exit reports what this
// whole process cost: peak RSS (KB) and user and system CPU time (µs), worker and libuv threads
// included (getrusage(RUSAGE_SELF)). The report is the last line of standard error:
//   [bench-child] {"maxRSS":373320,"userCPU":2763000,"systemCPU":330000}
// The benchmark scripts read it with scripts/bench/measure.mjs (parseUsage).
//
// Peak RSS is the process's own high-water mark, VmHWM in /proc/self/status on Linux: getrusage's
// ru_maxrss survives execve, so a child the benchmark spawns once it holds hundreds of MB of
// reports reported the benchmark's own peak (an unchanged --cache rerun "took" 165 MB, 72 MB
// measured alone). Elsewhere getrusage's figure is all there is.
function peakRssKb() {
  try {
    const found = /^VmHWM:\s*(\d+)\s*kB/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (found) return Number(found[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
process.on('exit', () => {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`\n[bench-child] ${JSON.stringify({ maxRSS: peakRssKb(), userCPU: userCPUTime, systemCPU: systemCPUTime })}\n`);
});
const target = process.argv[2];
process.argv.splice(2, 1);
const load = () => import(require('node:url').pathToFileURL(target).href).catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
if (/\.mjs$/i.test(target)) {
  load();
} else {
  try {
    require(target);
  } catch (error) {
    // An ES module in a .js file (secretlint's bin); Node 22 may also refuse one with top-level await.
    if (error?.code !== 'ERR_REQUIRE_ESM' && error?.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    load();
  }
}
