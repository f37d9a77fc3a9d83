import { ConfigError } from '../core/config/errors';
import type { Config } from '../core/config/types';
import { allRules } from '../rules';

const KNOWN_RULES = new Set(allRules.map((r) => r.meta.id));

/**
 * A rule id in flowguard.json that no rule has, at its key. The CLI refuses such a config, so
 * the editor reports it too rather than lint quietly with a setting that does nothing.
 */
export function unknownRuleErrors(config: Config): ConfigError[] {
  const errors: ConfigError[] = [];
  for (const [id, at] of config.ruleKeys ?? []) {
    if (!KNOWN_RULES.has(id)) errors.push(new ConfigError(at.source.path, `Unknown rule "${id}". Rules: ${[...KNOWN_RULES].join(', ')}.`, at.span, at.source));
  }
  return errors;
}
