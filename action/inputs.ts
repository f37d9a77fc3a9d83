import { FORMATS, type FormatName } from '../cli/args';

// The action's inputs, as action.yml's Lint step hands them over: one INPUT_<NAME> variable per
// input, the name upper-cased. A JavaScript action would get `INPUT_MAX-WARNINGS` from the runner
// itself (hyphens kept); a composite step maps them in its `env:`, where a shell needs
// `INPUT_MAX_WARNINGS`. Both spellings are read, so the entry point works either way.
// https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs

export const UPLOAD_CHOICES = ['auto', 'true', 'false'] as const;
export type UploadChoice = (typeof UPLOAD_CHOICES)[number];

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  paths: string[];
  policies: string[];
  config?: string;
  environment?: string;
  baseline?: string;
  /** A whole number of at least -1, checked here so the message names the input. */
  maxWarnings?: string;
  /** The log's report; by default the annotations, or stylish where the findings go to code scanning. */
  format?: FormatName;
  uploadSarif: UploadChoice;
  failOn: FailOn;
  /** Where to write SARIF; a fresh file in RUNNER_TEMP when not given. */
  sarifFile?: string;
}

/** An input with a value the action cannot use: exit code 2, like a usage error of the CLI. */
export class InputError extends Error {
  override name = 'InputError';
}

function raw(env: NodeJS.ProcessEnv, name: string): string {
  const upper = name.toUpperCase();
  return (env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`] ?? '').trim();
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = raw(env, name);
  return value === '' ? undefined : value;
}

/** A multi-line input: one value per line, blank lines and surrounding spaces dropped. */
function lines(env: NodeJS.ProcessEnv, name: string): string[] {
  return raw(env, name).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

function choice<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`Input '${name}' must be one of ${allowed.join(', ')}, got "${value}".`);
  return value as T;
}

function maxWarnings(env: NodeJS.ProcessEnv): string | undefined {
  const value = optional(env, 'max-warnings');
  if (value !== undefined && !(/^-?\d+$/.test(value) && Number(value) >= -1)) {
    throw new InputError(`Input 'max-warnings' expects a whole number (-1 for no limit), got "${value}".`);
  }
  return value;
}

/**
 * The inputs of earlier releases (path, fail-on-findings) still work: each applies when the input
 * that replaced it is left at its default. action.yml marks them with a deprecationMessage, which
 * the runner prints when a workflow sets them.
 */
function failOn(env: NodeJS.ProcessEnv): FailOn {
  const value = choice(env, 'fail-on', FAIL_ON, 'error');
  const legacy = raw(env, 'fail-on-findings');
  if (value !== 'error' || legacy === '') return value;
  if (legacy === 'true') return 'error';
  if (legacy === 'false') return 'never';
  throw new InputError(`Input 'fail-on-findings' (deprecated: use fail-on) must be true or false, got "${legacy}".`);
}

function paths(env: NodeJS.ProcessEnv): string[] {
  const given = lines(env, 'paths');
  const atDefault = given.length === 0 || (given.length === 1 && given[0] === '.');
  const legacy = lines(env, 'path');
  if (atDefault && legacy.length > 0) return legacy;
  return given.length > 0 ? given : ['.'];
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  return {
    paths: paths(env),
    policies: lines(env, 'policy'),
    config: optional(env, 'config'),
    environment: optional(env, 'environment'),
    baseline: optional(env, 'baseline'),
    maxWarnings: maxWarnings(env),
    format: raw(env, 'format') === '' ? undefined : choice(env, 'format', FORMATS, 'stylish'),
    uploadSarif: choice(env, 'upload-sarif', UPLOAD_CHOICES, 'auto'),
    failOn: failOn(env),
    sarifFile: optional(env, 'sarif-file'),
  };
}
