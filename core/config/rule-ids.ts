import { ConfigError } from './errors';
import type { Config } from './types';

/**
 * A rule id in flowguard.json that no rule has, at its key. The CLI stops on it and the editor
 * shows it, rather than lint quietly with a setting that does nothing.
 */
export function unknownRuleErrors(config: Config, known: ReadonlySet<string>): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [id, at] of config.ruleKeys ?? []) {
    if (!known.has(id)) errors.push(new ConfigError(at.source.path, `Unknown rule "${id}". Rules: ${[...known].join(', ')}.`, at.span, at.source));
  }
  return errors;
}
