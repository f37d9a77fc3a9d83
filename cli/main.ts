import '../core/runtime/tune-first';
import { colorFromEnvironment } from './color';
import { readAll } from './read-stdin';
import { runCli } from './run';
import { isLintWorker } from './threads/worker';

// A reader that stops early (`flowguard | head`) closes the pipe: the rest of the report has
// nowhere to go, which is no error of FlowGuard's, so it stops writing instead of crashing with
// a stack trace. Any other failure to write is one line on standard error, exit code 2.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  stdoutClosed = true;
  if (error.code === 'EPIPE') return;
  process.stderr.write(`flowguard: cannot write to standard output (${error.code ?? error.message}).\n`);
  process.exitCode = 2;
});

// A worker thread of this same file (cli/threads/worker.ts) serves the main thread instead.
if (!isLintWorker()) void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stdoutBytes: (bytes) => {
    if (!stdoutClosed) process.stdout.write(bytes);
  },
  stderr: (text) => process.stderr.write(text),
  colorDefault: colorFromEnvironment(process.env, process.stdout.isTTY === true),
  readStdin: () => readAll(process.stdin),
}).then((code) => {
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
});
