import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './fixtures';

// action.yml's Lint step run as GitHub's runner runs a composite step: the step's `env:` with
// `${{ inputs.X }}` replaced by the workflow's `with:` value or the input's default, the runner's
// own variables (GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// GITHUB_EVENT_PATH, RUNNER_TEMP, ...), the workspace as working folder, and the script run by
// `bash --noprofile --norc -eo pipefail`.
// https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepsshell
// https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables#default-environment-variables

// mocha reads .mocharc.yml with js-yaml, so it is there wherever the tests run; it has no types.
const yaml = require('js-yaml') as { load(text: string): unknown };

export interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number>;
  'continue-on-error'?: boolean;
}

export interface ActionManifest {
  inputs: Record<string, { description: string; default?: string; deprecationMessage?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export function actionManifest(): ActionManifest {
  return yaml.load(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionManifest;
}

export interface LintStepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The SARIF file the step wrote (it lives in RUNNER_TEMP, which is gone when this returns). */
  sarif?: string;
  /** The annotations file action.yml prints when the upload fails. */
  annotations?: string;
}

export interface LintStepOptions {
  /** The workflow's `with:`. */
  with?: Record<string, string>;
  /** The checked-out repository: the working folder. */
  workspace: string;
  event?: unknown;
  eventName?: string;
  env?: Record<string, string>;
}

/** Reads GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${heredoc[2]}`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

function inputValues(manifest: ActionManifest, given: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(manifest.inputs, name)) throw new Error(`action.yml has no input '${name}'`);
  }
  return Object.fromEntries(Object.entries(manifest.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
}

/** Only the expressions the Lint step's env may hold: anything else would run untested here. */
function evaluate(value: string, inputs: Record<string, string>): string {
  const match = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value);
  if (!match || !Object.hasOwn(inputs, match[1]!)) throw new Error(`the test runner does not evaluate "${value}"`);
  return inputs[match[1]!]!;
}

export function runLintStep(options: LintStepOptions): LintStepRun {
  const manifest = actionManifest();
  const step = manifest.runs.steps.find((s) => s.id === 'lint');
  if (!step?.run || step.shell !== 'bash') throw new Error('action.yml has no bash step with id lint');
  const inputs = inputValues(manifest, options.with ?? {});
  const runner = mkdtempSync(path.join(tmpdir(), 'flowguard-runner-'));
  try {
    const files = { output: path.join(runner, 'output'), summary: path.join(runner, 'summary'), event: path.join(runner, 'event.json') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(files.event, JSON.stringify(options.event ?? {}));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: runner,
      ...options.env,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(value, inputs);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: options.workspace, env, encoding: 'utf8' });
    const outputs = parseOutputFile(readFileSync(files.output, 'utf8'));
    const read = (file: string | undefined): string | undefined => (file && existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    return {
      code: result.status ?? -1,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs,
      summary: readFileSync(files.summary, 'utf8'),
      sarif: read(outputs['sarif-file']),
      annotations: read(outputs['annotations-file']),
    };
  } finally {
    rmSync(runner, { recursive: true, force: true });
  }
}
