import { defineRule } from '../../core/engine/rule';
import { connectorUseName } from '../../core/connectors/names';
import { classify } from '../../core/policy/classify';
import { policyEntry, policyName } from '../../core/policy/explain';
import type { Classification, Group } from '../../core/policy/types';
import type { RelatedLocation } from '../../core/findings';
import type { ConnectorUse, Step } from '../../core/model/types';
import { rangeOf } from '../../core/artifacts/source';

interface Use {
  step: Step;
  connector: ConnectorUse;
  classification: Classification;
}

function names(uses: Use[]): string {
  return [...new Set(uses.map((u) => connectorUseName(u.connector)))].join(', ');
}

/** How a use got its group, when that is not a plain listing: a default group, a URL pattern. */
function how(use: Use): string {
  const c = use.classification;
  if (c.pattern) return `, by URL pattern '${c.pattern.pattern}'`;
  return c.entry ? '' : ', the default group';
}

/** The URL pattern rules that put custom connectors in their groups, once each. */
function patternEntries(uses: Use[]): RelatedLocation[] {
  const seen = new Set<unknown>();
  return uses.filter((u) => u.classification.pattern && !seen.has(u.classification.pattern) && seen.add(u.classification.pattern)).map((u) => policyEntry(u.classification));
}

export default defineRule({
  meta: {
    id: 'dlp/mixed-groups',
    category: 'dlp',
    defaultSeverity: 'error',
    description: 'A flow uses Business and Non-Business connectors of one DLP policy.',
    help:
      'A DLP policy splits connectors into Business and Non-Business groups so that data cannot move between them. ' +
      'A flow that uses connectors of both groups of one policy is suspended. Keep every connector of the flow in ' +
      'one group, or split the flow.',
    fixable: false,
    needsPolicy: true,
    // Measured: 0 false after issue 9 (5 of 5 were false before, on unclassified connectors); the 39 under
    // the Terraform a2 policy are Business beside default-group connectors, true under that policy.
    // DLP violations are security findings: the policy exists to stop data loss, and code scanning's
    // security view is where reviewers look for them.
    security: { severity: 6.5 },
    precision: 'high',
    tags: ['security', 'compliance', 'external/cwe/cwe-200'],
    key: ['policy'],
  },
  check(ctx) {
    const source = ctx.flow.doc.source;
    for (const policy of ctx.policies) {
      const byGroup: Record<Group, Use[]> = { business: [], nonBusiness: [], blocked: [] };
      // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
      for (let stepAt = 0; stepAt < ctx.flow.steps.length; stepAt++) {
        const step = ctx.flow.steps[stepAt] as Step;
        if (!step.connector) continue;
        const classification = classify(policy, step.connector);
        // A connector the policy does not classify (outside DLP, Ignored, undecided) mixes with nothing.
        if (classification.group) byGroup[classification.group].push({ step, connector: step.connector, classification });
      }
      const business = byGroup.business;
      const nonBusiness = byGroup.nonBusiness;
      const first = nonBusiness[0];
      if (business.length === 0 || !first) continue;
      const related: RelatedLocation[] = [...business, ...nonBusiness.slice(1)].map((use) => ({
        file: source.path,
        range: rangeOf(source, { offset: use.step.nameNode.offset, length: use.step.nameNode.length }),
        message: `'${use.step.name}' uses ${connectorUseName(use.connector)} (${use.classification.group === 'business' ? 'Business' : 'Non-Business'}${how(use)})`,
      }));
      related.push({ file: policy.at.file, range: policy.at.range, message: `Policy ${policyName(policy)}` }, ...patternEntries([...business, ...nonBusiness]));
      ctx.report({
        node: first.step.nameNode,
        step: first.step,
        message: `Flow '${ctx.flow.displayName}' mixes Business connectors (${names(business)}) with Non-Business connectors (${names(nonBusiness)}) under policy ${policyName(policy)}; the platform suspends such a flow. Keep to one group or split the flow.`,
        related,
        data: { policy: policy.name, business: business.length, nonBusiness: nonBusiness.length },
      });
    }
  },
});
