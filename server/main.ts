import '../core/runtime/tune-first';
import { isPassWorker, servePasses } from './pass-worker';
import { serve } from './serve';

// One bundle, two roles: the language server, and the worker thread it starts for workspace
// passes, which loads this same file again (so no second bundle has to ship in the .vsix).
if (isPassWorker()) servePasses();
else serve(__filename);
