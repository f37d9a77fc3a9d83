import '../core/runtime/tune-first';
import { LaterLogger } from './logger';
import { PassWorkerHost } from './pass-host';
import { isPassWorker } from './pass-role';
import { servePasses } from './pass-worker';

// One bundle, two roles: the language server, and the worker thread it starts for workspace
// passes, which loads this same file again (so no second bundle has to ship in the .vsix). The
// server's own modules are required only in its role, and only once its pass worker is starting:
// the worker, which the first pass waits for, then starts while the language server library
// loads here, and leaves that library unloaded itself (a fifth of its start-up, measured). In a
// production build the launcher has started it already, before this bundle was compiled
// (server/launcher.ts), and the host takes that one.
if (isPassWorker()) {
  servePasses();
} else {
  const log = new LaterLogger();
  const passes = new PassWorkerHost(__filename, log);
  passes.warm();
  (require('./serve') as typeof import('./serve')).serve(__filename, { passes, log });
}
