// `npm start`: lint the bundled samples with their flowguard.json and policies, as a user would
// run `npx flowguard samples`. The samples are meant to have findings, so exit code 1 is success here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'samples', ...args], { cwd: root, stdio: 'inherit' });
if (result.status === 1) {
  console.log('\nThese findings are the demo: the samples are written to show what FlowGuard reports.');
  console.log('Try: npx flowguard samples --format sarif   or   npx flowguard samples --environment "Contoso Production"');
  process.exit(0);
}
process.exit(result.status ?? 1);
