// Runs the script named by argv[2] (the CLI bundle, the floor, secretlint's bin: CommonJS is
// required, an ES module imported) with the arguments after it, and on exit reports what this
// whole process cost: peak RSS (KB) and user and system CPU time (µs), worker and libuv threads
// included (getrusage(RUSAGE_SELF)). The report is the last line of standard error:
//   [bench-child] {"maxRSS":373320,"userCPU":2763000,"systemCPU":330000}
// The benchmark scripts read it with scripts/bench/measure.mjs (parseUsage).
process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`\n[bench-child] ${JSON.stringify({ maxRSS, userCPU: userCPUTime, systemCPU: systemCPUTime })}\n`);
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
