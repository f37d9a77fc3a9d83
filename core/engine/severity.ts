import type { Config, RuleSetting } from '../config/types';
import type { RuleMeta } from './rule';

/** The severity a rule runs at: the command line wins over flowguard.json, which wins over the default. */
export function effectiveSetting(meta: RuleMeta, config: Config, overrides: Record<string, RuleSetting> = {}): RuleSetting {
  return overrides[meta.id] ?? config.rules[meta.id] ?? meta.defaultSeverity;
}
