import { unknownRuleErrors as unknownIn } from '../core/config/rule-ids';
import type { ConfigError } from '../core/config/errors';
import type { Config } from '../core/config/types';
import { allRules } from '../rules';

const KNOWN_RULES: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function unknownRuleErrors(config: Config): ConfigError[] {
  return unknownIn(config, KNOWN_RULES);
}
