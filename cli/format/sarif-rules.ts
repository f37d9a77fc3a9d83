import type * as Sarif from 'sarif';
import type { Severity } from '../../core/findings';
import { docsUrl, type RuleMeta } from '../../core/engine/rule';
import { rulePage } from './rule-pages';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** GitHub's problem.severity scale for results that are not security alerts. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** 'dlp/blocked-connector' -> 'DlpBlockedConnector': SARIF's name is an identifier-like form of the id. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** What a descriptor is made of: a registered rule, or a stand-in for an id the registry does not list. */
type RuleFacts = Pick<RuleMeta, 'id' | 'category' | 'defaultSeverity' | 'description' | 'help' | 'security' | 'precision' | 'tags'>;

const GENERATED_MARKER = /^<!--.*-->\n?/gm;
const LINK_TARGET = /\]\(([^)\s]+)\)/g;

/**
 * The rule's whole page as help.markdown: GitHub shows it beside every alert of the rule, out
 * of the page's own folder, so links between pages become absolute and the markers that
 * `npm run docs` keeps in the file go.
 */
function helpMarkdown(meta: RuleFacts, helpUri: string): string {
  const page = rulePage(meta.id);
  if (page === undefined) return `${meta.help}\n\n[Rule documentation](${helpUri})`;
  const text = page.replace(GENERATED_MARKER, '').replace(LINK_TARGET, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    return `](${new URL(target, helpUri).href})`;
  });
  return text.trimEnd();
}

function properties(meta: RuleFacts): Sarif.PropertyBag {
  // GitHub reads security-severity only on rules tagged security, and treats every rule that has
  // one as a security rule: quality rules have neither, and are ranked by problem.severity.
  const tags = [...new Set([meta.category, ...(meta.security ? ['security'] : []), ...meta.tags])];
  return {
    tags,
    precision: meta.precision,
    'problem.severity': PROBLEM_SEVERITY[meta.defaultSeverity],
    ...(meta.security ? { 'security-severity': meta.security.severity.toFixed(1) } : {}),
  };
}

function descriptor(meta: RuleFacts): Sarif.ReportingDescriptor {
  const helpUri = docsUrl(meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.help },
    help: { text: meta.help, markdown: helpMarkdown(meta, helpUri) },
    helpUri,
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: properties(meta),
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
    category: (slash > 0 ? ruleId.slice(0, slash) : 'flowguard') as RuleMeta['category'],
    defaultSeverity: severity,
    description: `FlowGuard check ${ruleId}.`,
    help: `FlowGuard check ${ruleId}. See the rule documentation for details.`,
    precision: 'high',
    tags: [],
  };
}
