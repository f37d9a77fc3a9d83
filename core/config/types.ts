import type { SourceFile } from '../artifacts/source';
import type { Severity } from '../findings';
import type { Span } from '../text/range';

export type RuleSetting = Severity | 'off';

/** flowguard.json after validation, with paths resolved against its folder. */
export interface Config {
  /** Absolute path of the flowguard.json, when there is one. */
  file?: string;
  /** Folder the config's relative paths and globs are resolved against. */
  root: string;
  /** Policy paths or globs as written. */
  policies: string[];
  /** Where each `policies` entry is written in flowguard.json, in the same order, for errors about it. */
  policyKeys?: { source: SourceFile; span: Span }[];
  environment?: string;
  rules: Record<string, RuleSetting>;
  /** Where each rule id is written in flowguard.json, for errors about it. */
  ruleKeys?: Map<string, { source: SourceFile; span: Span }>;
  ignore: string[];
  /** Suppressions written in flowguard.json. */
  exceptions: ConfigException[];
  trustedDomains: string[];
  /**
   * The organisation's mail domains (`contoso.com`, each with its subdomains), for the rules that
   * judge where messages go; empty means "the domains of trustedDomains" (see core/analysis/organization.ts).
   */
  organizationDomains: string[];
}

/** One `exceptions` entry: which findings it suppresses, and why. */
export interface ConfigException {
  rule: string;
  flow?: string;
  action?: string;
  /** A glob relative to the config's folder. */
  file?: string;
  reason?: string;
  at: { source: SourceFile; span: Span };
}

export function emptyConfig(root: string): Config {
  return { root, policies: [], rules: {}, ignore: [], trustedDomains: [], organizationDomains: [], exceptions: [] };
}
