import { flowOutline, type FlowOutline } from '../core/analysis/flow-outline';
import type { IndexMember, IndexOptions, KeptFlow } from '../core/analysis/workspace-index';
import { WorkspaceIndex } from '../core/analysis/workspace-index';
import type { Flow } from '../core/model/types';
import type { Project } from '../core/project/load';
import type { ChildFlowCallView, FlowConnectorsView } from '../core/protocol/connectors-view';
import { connectedKeys } from './flow-graph';
import { fileOfDisplayPath, isInsideFolder } from './paths';

/**
 * What the server keeps of one lint unit's flows between passes, for linting one flow against
 * the others: each flow's outline and transfers (plain data; the parse trees are let go), and the
 * cross-flow facts each flow's published findings were computed with.
 */
export interface KeptUnit {
  folder: string;
  /** Display paths (the index's keys) are relative to it. */
  cwd: string;
  exclude: readonly string[];
  flows: KeptFlow[];
  /** Display path to WorkspaceIndex.fingerprint when its findings were last computed. */
  linted: Map<string, string>;
}

export function indexOptions(project: Project): IndexOptions {
  return { policies: project.applicable, trustedDomains: project.config.trustedDomains };
}

/** What a pass keeps of a unit: every flow's outline and transfers, and the facts its findings used. */
export function keepUnit(unit: Omit<KeptUnit, 'flows' | 'linted'>, index: WorkspaceIndex, options: IndexOptions): KeptUnit {
  const flows: KeptFlow[] = [];
  const linted = new Map<string, string>();
  for (const key of index.keys()) {
    flows.push({ outline: index.outline(key)!, transfers: index.transfers(key, options) });
    linted.set(key, index.fingerprint(key, options));
  }
  return { ...unit, flows, linted };
}

/** The connectors view with each child flow's file absolute, as the server's other files are. */
export function withAbsoluteChildFiles(view: FlowConnectorsView, cwd: string): FlowConnectorsView {
  if (!view.childFlows) return view;
  const childFlows = view.childFlows.map((c): ChildFlowCallView => (c.child ? { ...c, child: { ...c.child, file: fileOfDisplayPath(c.child.file, cwd).file } } : c));
  return { ...view, childFlows };
}

/**
 * The flows of every unit of the last pass, and the index a document is linted against: the
 * unit's kept flows with every open flow document's buffer in place of its saved file, so that a
 * parent is linted against the child as the maker is editing it, and the other way round.
 */
export class CrossFlowState {
  private read: () => readonly KeptUnit[] = () => [];
  private sorted: KeptUnit[] | undefined = [];

  /** The units of a pass, or a way to read them when first needed (a pass's result, pass-host.ts). */
  replace(units: readonly KeptUnit[] | (() => readonly KeptUnit[])): void {
    this.read = typeof units === 'function' ? units : () => units;
    this.sorted = undefined;
  }

  private get units(): KeptUnit[] {
    // Deepest first: a unit nested in another (its own flowguard.json) wins for its files.
    this.sorted ??= [...this.read()].sort((a, b) => b.folder.length - a.folder.length);
    return this.sorted;
  }

  all(): readonly KeptUnit[] {
    return this.units;
  }

  unitOf(file: string): KeptUnit | undefined {
    return this.units.find((u) => (file === u.folder || isInsideFolder(file, u.folder)) && !u.exclude.some((e) => file === e || isInsideFolder(file, e)));
  }

  /**
   * The unit's flows, open buffers first (an index keeps the first member of each display path);
   * with `only`, just those flows (connected(): the flows an edit can reach).
   */
  index(unit: KeptUnit | undefined, open: readonly Flow[], only?: ReadonlySet<string>): WorkspaceIndex {
    const members = this.members(unit, open);
    return new WorkspaceIndex(only ? members.filter((m) => only.has(keyOf(m))) : members);
  }

  /**
   * The flows of the unit linked to `changed` (display paths) by calls and trigger writes, now
   * or in the `before` outlines (see flow-graph.ts): the only ones whose cross-flow facts the
   * change can alter, and an index of them gives them the findings the whole unit's would.
   */
  connected(unit: KeptUnit | undefined, open: readonly Flow[], changed: readonly string[], before: readonly FlowOutline[] = []): Set<string> {
    const seen = new Set<string>();
    const outlines: FlowOutline[] = [];
    for (const member of this.members(unit, open)) {
      const key = keyOf(member);
      if (seen.has(key)) continue;
      seen.add(key);
      outlines.push(member.flow ? flowOutline(member.flow) : member.kept.outline);
    }
    return connectedKeys(outlines, changed, before);
  }

  /** The saved outline the last pass kept of a flow. */
  keptOutline(unit: KeptUnit | undefined, key: string): FlowOutline | undefined {
    return unit?.flows.find((f) => f.outline.key === key)?.outline;
  }

  private members(unit: KeptUnit | undefined, open: readonly Flow[]): IndexMember[] {
    const flows = unit ? open.filter((f) => this.unitOf(fileOfDisplayPath(f.doc.source.path, unit.cwd).file) === unit) : open;
    return [...flows.map((flow) => ({ flow })), ...(unit?.flows ?? []).map((kept) => ({ kept }))];
  }
}

function keyOf(member: IndexMember): string {
  return member.flow ? member.flow.doc.source.path : member.kept.outline.key;
}
