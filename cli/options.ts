import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { RuleSetting } from '../core/config/types';
import { redactText } from '../core/secrets/redact';
import { UsageError } from './errors';

// Options every command that lints shares: they decide what is linted and against which
// policies, so `flowguard`, `review`, `baseline` and `connectors` read them alike.
export const PROJECT_OPTIONS = {
  policy: { type: 'string', multiple: true },
  config: { type: 'string' },
  environment: { type: 'string' },
  rule: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface ProjectArgs {
  paths: string[];
  policies: string[];
  config?: string;
  environment?: string;
  rules: Record<string, RuleSetting>;
}

const SETTINGS = new Set(['off', 'info', 'warning', 'error']);

function parseRule(text: string, into: Record<string, RuleSetting>, usage: string): void {
  const eq = text.lastIndexOf('=');
  const id = text.slice(0, eq).trim();
  const setting = text.slice(eq + 1).trim();
  if (eq <= 0 || !SETTINGS.has(setting)) throw new UsageError(`--rule expects ID=off|info|warning|error, got "${redactText(text)}".`, usage);
  // An own property whatever the id: `into['__proto__'] = ...` would set the prototype instead, and
  // the id would escape the unknown-rule check that reads Object.keys.
  Object.defineProperty(into, id, { value: setting as RuleSetting, enumerable: true, writable: true, configurable: true });
}

/**
 * parseArgs's message on one line. After "Unknown option" it goes on about positionals that start
 * with '-', which buries the likely mistake (a mistyped option); its other hints span lines.
 */
function oneLine(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '[^']*'/.exec(error.message)?.[0] : undefined;
  return (unknown ?? error.message).split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').join(' ');
}

/** parseArgs with positionals, its errors turned into usage errors of the command `usage` describes. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(oneLine(error as Error), usage);
  }
}

interface ProjectValues {
  policy?: string[];
  config?: string;
  environment?: string;
  rule?: string[];
}

export function projectArgs(values: ProjectValues, positionals: string[], usage: string): ProjectArgs {
  const rules: Record<string, RuleSetting> = {};
  for (const r of values.rule ?? []) parseRule(r, rules, usage);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    policies: values.policy ?? [],
    config: values.config,
    environment: values.environment,
    rules,
  };
}

/** `--format` checked against the names a command knows. */
export function formatArg<T extends string>(value: string | undefined, names: readonly T[], usage: string): T {
  const format = (value ?? names[0]) as T;
  if (!names.includes(format)) throw new UsageError(`--format must be one of ${names.join(', ')}, got "${value}".`, usage);
  return format;
}
