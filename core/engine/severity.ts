import type { Config, RuleSetting } from '../config/types';
import type { RuleMeta } from './rule';

/** Own keys only: a settings object built from user input must not answer with Object.prototype's members. */
function own(settings: Record<string, RuleSetting>, id: string): RuleSetting | undefined {
  return Object.hasOwn(settings, id) ? settings[id] : undefined;
}

/** The severity a rule runs at: the command line wins over flowguard.json, which wins over the default. */
export function effectiveSetting(meta: RuleMeta, config: Config, overrides: Record<string, RuleSetting> = {}): RuleSetting {
  return own(overrides, meta.id) ?? own(config.rules, meta.id) ?? meta.defaultSeverity;
}
