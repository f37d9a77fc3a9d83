// The language server in a production build (dist/server.js): this launcher, then the bundle of
// server/main.ts in a block comment (scripts/cli-launcher.mjs writes the file, as it writes the
// CLI's). It compiles the bundle with a V8 code cache (cli/compile-cache.ts says why and how) and
// runs it as its own module, so that the pass worker, which starts __filename again, starts the
// launcher again too. Each role keeps a cache of its own, since each compiles other functions:
// the language server's thread the protocol's and an open document's lint, written at exit as
// the CLI's is; the pass worker a pass's, written once its first pass is done (pass-worker.ts).
import { isMainThread } from 'node:worker_threads';
import { tuneTiering } from '../core/runtime/tiering';
import { runLauncher } from '../cli/compile-cache';
import { offerCompileCache } from './compile-cache-hook';
import { isPassWorker, startPassWorkerEarly } from './pass-role';

declare function flowguardBundle(): void;

// V8 checks a code cache against its options, which are the process's, not a thread's: the bundle
// sets one as it starts (core/runtime/tiering.ts), so it is set before the bundle is compiled.
tuneTiering();

const worker = isPassWorker();
// The first pass waits for the worker to load the bundle: it starts now, before this thread compiles it.
if (isMainThread) startPassWorkerEarly(__filename);
runLauncher(flowguardBundle, { module, require, filename: __filename }, {
  // Neither name starts the other's (or the CLI's, 'cli'): each is pruned on its own (cli/compile-cache.ts).
  name: worker ? 'pass-worker' : 'server',
  writes: true,
  // A worker thread ends with its process, and runs no exit handler of its own then.
  ...(worker ? { save: offerCompileCache } : {}),
});
