import type { Finding, Notice, Unreadable } from '../../core/findings';
import type { ConnectorView } from '../../core/protocol/connectors-view';

/** What a change does to one flow, security-wise. */
export interface FlowChange {
  /** added: only in the change; removed: only in the base; changed: in both, with security changes. */
  status: 'added' | 'removed' | 'changed';
  /** The flow's display name (the base's, for a removed flow). */
  name: string;
  /** The base's display name, when the change renamed the flow. */
  baseName?: string;
  id?: string;
  /** Display path in the change (the base's, for a removed flow). */
  file: string;
  /** Display path in the base, when it differs. */
  baseFile?: string;
  /** Connectors the change starts using (every connector of an added flow). */
  connectorsAdded: ConnectorView[];
  /** Connectors the change stops using (every connector of a removed flow). */
  connectorsRemoved: ConnectorView[];
  /** Findings the change brings in. */
  newFindings: Finding[];
  /** Findings of the base that the change resolves (positions in the base revision). */
  fixedFindings: Finding[];
  /** For a removed flow: how many findings went with it (not counted as fixed). */
  removedWith: number;
}

/** Findings outside any flow (environment variables, deployment settings, flowguard.json), by file. */
export interface FileChange {
  file: string;
  newFindings: Finding[];
  fixedFindings: Finding[];
}

export interface ReviewReport {
  base: { ref: string; commit: string };
  /** Flows with security changes, in file order. */
  flows: FlowChange[];
  files: FileChange[];
  /** Flows present on both sides with no security change. */
  unchangedFlows: number;
  /** Files of the change that could not be read. */
  unreadable: Unreadable[];
  notices: Notice[];
}
