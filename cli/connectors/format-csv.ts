import { groupLabel, underPolicyLabel } from './group-label';
import type { Inventory } from './inventory';

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field that a
// spreadsheet would run as a formula (=, +, -, @ and tab or CR first) gets a leading quote mark:
// flow and action names come from the linted files, and an inventory is opened in Excel.
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const HEADER = ['file', 'flow', 'solution', 'connector', 'connector_id', 'group', 'policy', 'policy_group', 'listed', 'used_by', 'custom_connector_host'];

/** One row per flow, connector and applicable policy (one per flow and connector without a policy). */
export function formatConnectorsCsv(inventory: Inventory): string {
  const lines = [HEADER.join(',')];
  for (const flow of inventory.flows) {
    for (const c of flow.connectors) {
      const common = [flow.file, flow.name, flow.solution ?? '', c.name, c.id, groupLabel(c.group)];
      const usedBy = c.actions.map((a) => a.name).join('; ');
      const perPolicy = c.groups.length > 0 ? c.groups.map((g) => [g.policy, underPolicyLabel(g).replace(/ \(default\)$/, ''), String(g.listed)]) : [['', '', '']];
      for (const policy of perPolicy) lines.push([...common, ...policy, usedBy, c.custom?.host ?? ''].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
