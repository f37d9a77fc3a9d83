// Runs the CLI bundle named by argv[2] and reports this process's peak memory on exit.
process.on('exit', () => process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`));
const cli = process.argv[2];
process.argv.splice(2, 1);
require(cli);
