import '../core/runtime/tune-first';
import * as path from 'node:path';
import { runAction } from './run-action';

// The entry points of dist-action/flowguard.js, the GitHub Action's committed bundle (built by
// `npm run build:action`). dist-action/action.js and dist-action/cli.js are two-line launchers
// that call these, so the engine is in the repository once.

/** action.yml's Lint step. */
export function action(): void {
  void runAction({
    cwd: process.cwd(),
    env: process.env,
    write: (text) => process.stdout.write(text),
    cliPath: path.join(__dirname, 'cli.js'),
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * The CLI, for later steps of a job (`node "$FLOWGUARD_CLI" review --base ...`). cli/main.ts runs
 * the command line as it loads, so it is required here, when called, and not imported above.
 */
export function cli(): void {
  require('../cli/main');
}
