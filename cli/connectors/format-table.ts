import type { Notice } from '../../core/findings';
import { maxOf } from '../../core/arrays';
import type { ConnectorView, FlowConnectorsView } from '../../core/protocol/connectors-view';
import { uniqueNotices } from '../format/notices';
import { displayWidth, terminalText } from '../format/terminal-text';
import { groupLabel, underPolicyLabel } from './group-label';
import type { Inventory } from './inventory';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function usedBy(c: ConnectorView): string {
  return c.actions.map((a) => (a.kind === 'trigger' ? `${a.name} (trigger)` : a.name)).join(', ');
}

function rows(flow: FlowConnectorsView, policies: string[]): string[][] {
  const header = ['connector', 'id', ...(policies.length > 1 ? ['overall'] : []), ...policies, 'used by'];
  const body = flow.connectors.map((c) => [
    c.custom ? `${c.name} (custom, ${c.custom.host ?? 'definition not in the workspace'})` : c.name,
    c.id,
    ...(policies.length > 1 ? [groupLabel(c.group)] : []),
    ...c.groups.map(underPolicyLabel),
    usedBy(c),
  ]);
  return [header, ...body].map((cells) => cells.map(terminalText));
}

/** "runs child flow 'HELPER - Send Email' (Run_a_Child_Flow)", one line per call. */
function childFlowLines(flow: FlowConnectorsView): string[] {
  return (flow.childFlows ?? []).map((c) =>
    `  runs child flow ${c.child ? `'${terminalText(c.child.name)}'` : `${c.workflowId} (not in the workspace)`}: ${terminalText(c.action)}`);
}

function flowBlock(flow: FlowConnectorsView, policies: string[]): string[] {
  const title = `Flow '${terminalText(flow.name)}'${flow.solution !== undefined ? ` in solution ${terminalText(flow.solution)}` : ''}`;
  if (flow.connectors.length === 0) return [terminalText(flow.file), title, '  (no connectors: built-in steps only)', ...childFlowLines(flow)];
  const table = rows(flow, policies);
  const widths = table[0]!.map((_, i) => maxOf(table.map((r) => displayWidth(r[i] ?? ''))));
  const lines = table.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : pad(cell, widths[i]!))).join('  ')}`.trimEnd());
  return [terminalText(flow.file), title, ...lines, ...childFlowLines(flow)];
}

export function formatConnectorsTable(inventory: Inventory, notices: readonly Notice[]): string {
  const blocks = inventory.flows.map((flow) => flowBlock(flow, inventory.policies).join('\n'));
  const notes = uniqueNotices(notices).map((n) => `note: ${terminalText(n.file === undefined ? n.message : `${n.file}: ${n.message}`)}`);
  const total = inventory.flows.length;
  const connectors = new Set(inventory.flows.flatMap((f) => f.connectors.map((c) => c.id))).size;
  const summary = `${total} flow${total === 1 ? '' : 's'}, ${connectors} distinct connector${connectors === 1 ? '' : 's'}` +
    (inventory.policies.length > 0 ? `, under ${inventory.policies.map((p) => `'${terminalText(p)}'`).join(', ')}` : ', no DLP policy');
  return `${[...blocks, ...notes, summary].join('\n\n')}\n`;
}
