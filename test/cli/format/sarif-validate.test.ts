import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatters } from '../../../cli/format';
import type { LintResult } from '../../../core/engine/result';
import { bundledCli } from '../../helpers/cli';
import { ROOT } from '../../helpers/fixtures';
import { OPTIONS, sampleResult } from './fixture';

const SCRIPT = path.resolve(__dirname, '../../../../scripts/sarif-validate.sh');

describe('sarif formatter against the SARIF Multitool', () => {
  it('passes the multitool validate with the GitHub and SARIF rule sets', function () {
    // The multitool is a 100 MB download; local runs opt in, CI always runs it.
    if (process.env['FLOWGUARD_SARIF_VALIDATE'] !== '1' && process.env['CI'] !== 'true') {
      console.log('      (skipped: set FLOWGUARD_SARIF_VALIDATE=1 to validate SARIF with the multitool)');
      this.skip();
    }
    this.timeout(600_000);
    const base = sampleResult();
    const variants: Record<string, LintResult> = {
      full: base,
      clean: { ...base, findings: [], unreadable: [], notices: [] },
      outside: {
        ...base,
        findings: [{ ...base.findings[1]!, ruleId: 'config/invalid-setting', file: '/tmp/other place/x.json' }],
        unreadable: [],
      },
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-sarif-'));
    try {
      const files = Object.entries(variants).map(([name, result]) => {
        const file = path.join(dir, `${name}.sarif`);
        writeFileSync(file, formatters.sarif(result, OPTIONS));
        return file;
      });
      // Run in a subfolder of the repository, with a data path that crosses files (codeFlows).
      const pathFinding = { ...base.findings[2]!, file: 'flows/Invoice Flow.json', related: [
        { file: 'flows/Child.json', range: base.findings[2]!.range, message: '1. business data enters at Get_items', hop: 1 },
        { file: 'flows/Invoice Flow.json', range: base.findings[1]!.range, message: '2. leaves at Send_email', hop: 2 },
      ] };
      const rooted = path.join(dir, 'rooted.sarif');
      writeFileSync(rooted, formatters.sarif({ ...base, findings: [...base.findings, pathFinding] }, { ...OPTIONS, cwd: '/work/repo/flows', sarifRoot: '/work/repo' }));
      files.push(rooted);
      // With a baseline in use: baselineState on every result.
      const baselined = path.join(dir, 'baselined.sarif');
      writeFileSync(baselined, formatters.sarif(base, { ...OPTIONS, baselined: new Set([base.findings[1]!]) }));
      files.push(baselined);
      // And what users upload: the bundled CLI's report on the samples (zip entries included).
      const samples = path.join(dir, 'samples.sarif');
      const cli = bundledCli(['samples', '--format', 'sarif', '--output', samples], ROOT);
      assert.equal(cli.code, 1, cli.stderr);
      files.push(samples);
      const run = spawnSync('bash', [SCRIPT, ...files], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      for (const file of files) assert.ok(run.stdout.includes(`${file}: 0 error(s)`), run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
