import type * as Sarif from 'sarif';

// SARIF 2.1.0 §3.33.7 lists the kinds a logicalLocation may have. A flow is the unit that is
// deployed, turned on and run as a whole, and it holds named steps: 'module'. An action (or
// trigger) is a named step inside it that runs an operation: 'function'. The document kinds
// ('object', 'property') would describe the JSON syntax of the export instead of the things a
// maker sees in the designer, so they are not used. Both are given inline on the location,
// the action qualified by its flow; a run-level table is not worth it, because flows in
// different files may share a display name and its entries would then have to be unique.
export function logicalLocations(flow: string | undefined, action: string | undefined): Sarif.LogicalLocation[] | undefined {
  if (action !== undefined) {
    return [{ name: action, fullyQualifiedName: flow === undefined ? action : `${flow}/${action}`, kind: 'function' }];
  }
  if (flow !== undefined) return [{ name: flow, fullyQualifiedName: flow, kind: 'module' }];
  return undefined;
}
