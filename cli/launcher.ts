// The CLI's bin in a production build (dist/cli.js): this launcher, then the bundle of cli/main.ts
// in a block comment, as the body of flowguardBundle (scripts/cli-launcher.mjs writes the file).
// The launcher compiles the bundle with a V8 code cache and runs it as its own module, so the
// bundle's worker threads, which start __filename, start the launcher again (cli/compile-cache.ts).
import { isMainThread } from 'node:worker_threads';
import { tuneTiering } from '../core/runtime/tiering';
import { runLauncher } from './compile-cache';

declare function flowguardBundle(): void;

// V8 checks a code cache against its options: the bundle sets one as it starts (core/runtime/tiering.ts),
// so it is set before the bundle is compiled, and the cache made at the end of a run is for the options then.
tuneTiering();

runLauncher(flowguardBundle, { module, require, filename: __filename }, { writes: isMainThread });
