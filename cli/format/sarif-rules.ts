import type * as Sarif from 'sarif';
import type { Severity } from '../../core/findings';
import { docsUrl, type RuleMeta } from '../../core/engine/rule';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

// GitHub ranks alerts by this number (critical >= 9.0, high >= 7.0, medium >= 4.0, low > 0);
// the default severity is the project's own judgement of how bad a finding of the rule is.
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** 'dlp/blocked-connector' -> 'DlpBlockedConnector': SARIF's name is an identifier-like form of the id. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** What a descriptor is made of: a registered rule, or a stand-in for an id the registry does not list. */
interface RuleFacts {
  id: string;
  category: string;
  defaultSeverity: Severity;
  description: string;
  help: string;
}

function descriptor(meta: RuleFacts): Sarif.ReportingDescriptor {
  const helpUri = docsUrl(meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.help },
    help: { text: meta.help, markdown: `${meta.help}\n\n[Rule documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags: [meta.category, 'security'],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
    },
  };
}

/**
 * tool.driver.rules in the order the registry lists them, with each rule's index for
 * result.ruleIndex. A finding from an id the registry does not list (an engine-level check)
 * gets a stand-in entry, because GitHub rejects a result whose rule it cannot describe.
 */
export class RuleTable {
  private readonly descriptors: Sarif.ReportingDescriptor[] = [];
  private readonly indexes = new Map<string, number>();

  constructor(rules: readonly RuleMeta[]) {
    for (const meta of rules) this.add(meta);
  }

  indexOf(ruleId: string, severity: Severity): number {
    return this.indexes.get(ruleId) ?? this.add(standIn(ruleId, severity));
  }

  toArray(): Sarif.ReportingDescriptor[] {
    return this.descriptors;
  }

  private add(meta: RuleFacts): number {
    const known = this.indexes.get(meta.id);
    if (known !== undefined) return known;
    const index = this.descriptors.push(descriptor(meta)) - 1;
    this.indexes.set(meta.id, index);
    return index;
  }
}

function standIn(ruleId: string, severity: Severity): RuleFacts {
  const slash = ruleId.indexOf('/');
  return {
    id: ruleId,
    category: slash > 0 ? ruleId.slice(0, slash) : 'flowguard',
    defaultSeverity: severity,
    description: `FlowGuard check ${ruleId}.`,
    help: `FlowGuard check ${ruleId}. See the rule documentation for details.`,
  };
}
