import * as assert from 'node:assert/strict';
import { platform } from 'node:os';
import { ROOT } from '../helpers/fixtures';
import { bundledCli } from '../helpers/cli';

describe('cli: --output to a standard stream', () => {
  it('writes the report to /dev/stdout when the user names it', function () {
    if (platform() === 'win32') this.skip();
    const run = bundledCli(['samples', '--format', 'json', '--output', '/dev/stdout'], ROOT);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { summary: { flows: number } };
    assert.ok(report.summary.flows > 0);
  });
});
