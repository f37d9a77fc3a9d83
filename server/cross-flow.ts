import type { IndexOptions, KeptFlow } from '../core/analysis/workspace-index';
import { WorkspaceIndex } from '../core/analysis/workspace-index';
import type { Flow } from '../core/model/types';
import type { Project } from '../core/project/load';
import type { ChildFlowCallView, FlowConnectorsView } from '../core/protocol/connectors-view';
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
  private units: KeptUnit[] = [];

  replace(units: KeptUnit[]): void {
    // Deepest first: a unit nested in another (its own flowguard.json) wins for its files.
    this.units = [...units].sort((a, b) => b.folder.length - a.folder.length);
  }

  all(): readonly KeptUnit[] {
    return this.units;
  }

  unitOf(file: string): KeptUnit | undefined {
    return this.units.find((u) => (file === u.folder || isInsideFolder(file, u.folder)) && !u.exclude.some((e) => file === e || isInsideFolder(file, e)));
  }

  /** The unit's flows, open buffers first (an index keeps the first member of each display path). */
  index(unit: KeptUnit | undefined, open: readonly Flow[]): WorkspaceIndex {
    const flows = unit ? open.filter((f) => this.unitOf(fileOfDisplayPath(f.doc.source.path, unit.cwd).file) === unit) : open;
    return new WorkspaceIndex([...flows.map((flow) => ({ flow })), ...(unit?.flows ?? []).map((kept) => ({ kept }))]);
  }
}
