import { oneBased } from '../format/position';
import type { Inventory } from './inventory';

// A public shape like the lint report's: keep keys and their order; null for absent.
export function formatConnectorsJson(inventory: Inventory): string {
  const report = {
    policies: inventory.policies,
    flows: inventory.flows.map((flow) => ({
      flow: flow.name,
      file: flow.file,
      solution: flow.solution ?? null,
      connectors: flow.connectors.map((c) => ({
        id: c.id,
        name: c.name,
        group: c.group,
        groups: c.groups.map((g) => ({ policy: g.policy, group: g.group, listed: g.listed })),
        usedBy: c.actions.map((a) => {
          const { line, column } = oneBased(a.range);
          return { name: a.name, kind: a.kind, line, column };
        }),
      })),
      childFlows: (flow.childFlows ?? []).map((c) => {
        const { line, column } = oneBased(c.range);
        return { action: c.action, workflowId: c.workflowId, flow: c.child?.name ?? null, file: c.child?.file ?? null, line, column };
      }),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
