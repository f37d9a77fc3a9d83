import { defineRule, type LintContext } from '../../core/engine/rule';
import { rangeOf } from '../../core/artifacts/source';
import { describeSource, describeVia, pathLocations } from '../../core/analysis/describe-path';
import { externalRecipientPaths, type ExternalRecipientPath, type OutsideRecipient } from '../../core/analysis/external-recipients';
import { organizationDomains } from '../../core/analysis/organization';
import { replaceSpan } from '../../core/fixes/json-edits';
import type { Fix, RelatedLocation } from '../../core/findings';

export const NEEDS_DOMAINS_NOTICE =
  'Some flows send business data by mail or chat message to literal addresses, but flowguard.json names no organisation domains, so exfiltration/external-recipient cannot tell which are outside the organisation. Add "organizationDomains" (or "trustedDomains") to flowguard.json.';

function verb(path: ExternalRecipientPath): string {
  if (path.sink.kind === 'forward') return 'forwards';
  if (path.sink.kind === 'reply') return 'replies with';
  if (path.sink.kind === 'chat') return 'posts';
  return 'sends';
}

function recipientText(r: OutsideRecipient): string {
  const via = r.via.length > 0 ? ` via ${r.via.map((s) => `'${s.name}'`).join(', ')}` : '';
  return r.kind === 'external' ? `${r.what} (${r.field.label}${via})` : `the address in ${r.what} (${r.field.label}${via})`;
}

function message(path: ExternalRecipientPath, domains: readonly string[]): string {
  const sink = path.sink.step.name;
  const external = path.recipients.filter((r) => r.kind === 'external');
  const what = `'${sink}' ${verb(path)} data from ${describeSource(path.path.source)}${describeVia(path.path)}`;
  if (external.length > 0) {
    const list = external.map(recipientText).join(', ');
    const ours = domains.join(', ');
    return `${what} to ${list}, outside your organisation (${ours}). Send business data only to addresses inside the organisation, or add the domain to organizationDomains in flowguard.json if it is yours.`;
  }
  const list = path.recipients.map(recipientText).join(', ');
  return `${what} to ${list}, which each environment sets, so FlowGuard cannot tell whether it is inside your organisation. Check the value in every environment it is deployed to, or address the message from the data.`;
}

/** "the Bcc recipient", "the chat's recipient", "a member of the group chat". */
function fieldNoun(r: OutsideRecipient): string {
  if (r.field.label === 'Recipient') return "the chat's recipient";
  if (r.field.label === 'Group chat') return 'a member of the group chat';
  return `the ${r.field.label} recipient`;
}

function recipientLocations(ctx: LintContext, path: ExternalRecipientPath): RelatedLocation[] {
  const source = ctx.flow.doc.source;
  return path.recipients.map((r) => ({
    file: source.path,
    range: rangeOf(source, r.span),
    message:
      r.kind === 'external'
        ? `${fieldNoun(r)} ${r.what} is written here${r.via.length > 0 ? ` and reaches '${path.sink.step.name}' through ${r.via.map((s) => `'${s.name}'`).join(', ')}` : ''}`
        : `${fieldNoun(r)} comes from ${r.what}, set per environment`,
  }));
}

/**
 * Removing a literal outside address from Cc or Bcc, where the field lists it with nothing
 * built at run time, leaves a message that still goes to its other recipients. Unsafe: the
 * flow no longer sends that person the mail, which may be why it exists.
 */
function removalFix(ctx: LintContext, path: ExternalRecipientPath): Fix[] {
  const fixes: Fix[] = [];
  for (const r of path.recipients) {
    const node = r.field.node;
    const value = node.type === 'string' ? (node.value as string) : undefined;
    if (r.kind !== 'external' || r.via.length > 0 || value === undefined || value.includes('@{') || value.startsWith('@')) continue;
    const others = value.split(/[;,]/).map((a) => a.trim()).filter((a) => a !== '' && !a.toLowerCase().includes(r.what.toLowerCase()));
    const optional = r.field.label === 'Cc' || r.field.label === 'Bcc';
    if (!optional && (r.field.label !== 'To' || others.length === 0)) continue;
    fixes.push({
      title: `Remove ${r.what} from ${r.field.label}`,
      safe: false,
      edits: [replaceSpan(ctx.flow.doc, { offset: node.offset, length: node.length }, JSON.stringify(others.join(';')))],
    });
  }
  return fixes;
}

export default defineRule({
  meta: {
    id: 'exfiltration/external-recipient',
    category: 'exfiltration',
    defaultSeverity: 'warning',
    description: 'Business data sent by mail or chat message to an address outside the organisation, or to one set per environment.',
    help:
      'A mail or Teams message whose body, subject or attachments carry business data, sent to a literal address ' +
      'outside organizationDomains (Office 365 Outlook send, forward, reply and shared mailbox, Outlook.com, Gmail, ' +
      'SMTP, SendGrid, Teams chats), takes the data out of the company in a way DLP connector groups do not see: the ' +
      'mail connector is a Business connector. The recipient is followed through variables, Compose and parameters. ' +
      'An address read from the data (the requester, a row) is not reported; one set per environment (an environment ' +
      'variable) is reported as unverifiable. Send business data only inside the organisation.',
    fixable: true,
    security: { severity: 6.5 },
    // Measured on the corpus with organizationDomains of a tenant none of its flows belongs to: 44
    // findings, 7 to one hard-coded address (the author's own, internal with his domain configured)
    // and 37 unverifiable, to the admin address the CoE kits' environment variables hold.
    precision: 'medium',
    tags: ['security', 'external/cwe/cwe-200'],
    key: ['kind', 'recipient'],
  },
  check(ctx) {
    const domains = organizationDomains(ctx.config);
    const result = externalRecipientPaths(ctx.flow, ctx.policies, domains);
    if (result.needsDomains) ctx.notice?.(NEEDS_DOMAINS_NOTICE);
    for (const path of result.paths) {
      const first = path.recipients[0] as OutsideRecipient;
      ctx.report({
        node: path.sink.step.nameNode,
        step: path.sink.step,
        message: message(path, domains),
        related: [...pathLocations(ctx.flow, path.path), ...recipientLocations(ctx, path)],
        data: { source: path.path.source.name, kind: first.kind, recipient: first.what, field: first.field.label, hops: path.path.hops.length, sources: path.sources },
        fixes: () => removalFix(ctx, path),
      });
    }
  },
});
