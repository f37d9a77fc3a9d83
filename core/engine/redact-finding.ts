import type { Finding, Notice, Unreadable } from '../findings';
import { redactText } from '../secrets/redact';
import { ownString } from '../text/own-string';

// Findings are redacted once, where the engine makes them, so every front end (formatters,
// fingerprints, baselines, reviews, the language server) gets the same masked text and none can
// forget to mask. Rules still quote freely; fix edits are left alone since they are applied, not shown.

function redactData(data: NonNullable<Finding['data']>): NonNullable<Finding['data']> {
  const out: NonNullable<Finding['data']> = {};
  for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' ? redactText(value) : value;
  return out;
}

/** The finding with every text that may quote a linted file masked: message, names, related messages, fix titles, data. */
export function redactFinding(finding: Finding): Finding {
  const out: Finding = { ...finding, message: redactText(finding.message) };
  if (finding.flow !== undefined) out.flow = redactText(finding.flow);
  if (finding.action !== undefined) out.action = redactText(finding.action);
  // Not redacted (a connector id quotes no secret), but cut from the flow's text like the rest,
  // which redactText copies: a finding outlives its flow and must not keep the file alive.
  if (finding.connector !== undefined) out.connector = ownString(finding.connector);
  if (finding.related) out.related = finding.related.map((r) => ({ ...r, message: redactText(r.message) }));
  if (finding.fixes) out.fixes = finding.fixes.map((fix) => ({ ...fix, title: redactText(fix.title) }));
  if (finding.data) out.data = redactData(finding.data);
  if (finding.suppressed?.reason !== undefined) out.suppressed = { ...finding.suppressed, reason: redactText(finding.suppressed.reason) };
  return out;
}

export function redactUnreadable(unreadable: Unreadable): Unreadable {
  return { ...unreadable, message: redactText(unreadable.message) };
}

export function redactNotice(notice: Notice): Notice {
  return { ...notice, message: redactText(notice.message) };
}
