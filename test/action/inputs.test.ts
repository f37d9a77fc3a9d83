import * as assert from 'node:assert/strict';
import { cliArgv, shellQuote } from '../../action/argv';
import { InputError, readInputs } from '../../action/inputs';

// The inputs as the entry point reads them, and the command line they stand for.

describe('GitHub Action: inputs', () => {
  it('reads the defaults when nothing is set', () => {
    assert.deepEqual(readInputs({}), {
      paths: ['.'],
      policies: [],
      config: undefined,
      environment: undefined,
      baseline: undefined,
      maxWarnings: undefined,
      format: undefined,
      uploadSarif: 'auto',
      failOn: 'error',
      sarifFile: undefined,
    });
  });

  it('reads multi-line inputs one value a line, and names with hyphens in either spelling', () => {
    const inputs = readInputs({ INPUT_PATHS: ' solutions\r\n\n  legacy exports \n', INPUT_POLICY: 'a.json\nb.json', 'INPUT_MAX-WARNINGS': '3', INPUT_UPLOAD_SARIF: 'false' });
    assert.deepEqual(inputs.paths, ['solutions', 'legacy exports']);
    assert.deepEqual(inputs.policies, ['a.json', 'b.json']);
    assert.equal(inputs.maxWarnings, '3');
    assert.equal(inputs.uploadSarif, 'false');
  });

  it('builds the command line with -- before the paths, so a path is never an option', () => {
    const argv = cliArgv(readInputs({ INPUT_PATHS: '--fix', INPUT_POLICY: 'a.json\nb.json', INPUT_ENVIRONMENT: 'Contoso Production', INPUT_BASELINE: 'base.json', INPUT_MAX_WARNINGS: '0' }));
    assert.deepEqual(argv, ['--policy', 'a.json', '--policy', 'b.json', '--environment', 'Contoso Production', '--baseline', 'base.json', '--max-warnings', '0', '--', '--fix']);
    assert.equal(argv.map(shellQuote).join(' '), "--policy a.json --policy b.json --environment 'Contoso Production' --baseline base.json --max-warnings 0 -- --fix");
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('applies the deprecated path and fail-on-findings only where the new input is left at its default', () => {
    assert.deepEqual(readInputs({ INPUT_PATHS: '.', INPUT_PATH: 'old' }).paths, ['old']);
    assert.deepEqual(readInputs({ INPUT_PATHS: 'new', INPUT_PATH: 'old' }).paths, ['new']);
    assert.equal(readInputs({ INPUT_FAIL_ON: 'error', INPUT_FAIL_ON_FINDINGS: 'false' }).failOn, 'never');
    assert.equal(readInputs({ INPUT_FAIL_ON: 'warning', INPUT_FAIL_ON_FINDINGS: 'false' }).failOn, 'warning');
  });

  it('refuses values it cannot use, naming the input', () => {
    assert.throws(() => readInputs({ INPUT_UPLOAD_SARIF: 'yes' }), new InputError("Input 'upload-sarif' must be one of auto, true, false, got \"yes\"."));
    assert.throws(() => readInputs({ INPUT_FORMAT: 'html' }), /Input 'format' must be one of stylish, json, sarif, github, junit, markdown/);
    assert.throws(() => readInputs({ INPUT_MAX_WARNINGS: 'ten' }), /Input 'max-warnings' expects a whole number/);
    assert.throws(() => readInputs({ INPUT_FAIL_ON_FINDINGS: 'maybe' }), /fail-on-findings/);
  });
});
