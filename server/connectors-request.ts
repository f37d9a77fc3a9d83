import { RequestType } from 'vscode-languageserver/node';
import type { FlowConnectorsView } from '../core/protocol/connectors-view';
import type { PassFlow } from './workspace-pass';

export interface ConnectorsParams {
  /** A file: its flows (a zip may hold several). None: every flow in the workspace. */
  uri?: string;
}

/** A flow as the client receives it: `file` is a URI, and `entry` names the flow inside a zip. */
export type ConnectorsFlow = FlowConnectorsView & { entry?: string };

export interface ConnectorsResult {
  flows: ConnectorsFlow[];
}

/** 'flowguard/connectors': the connectors view, so the client never parses a flow. */
export const ConnectorsRequest = new RequestType<ConnectorsParams, ConnectorsResult, void>('flowguard/connectors');

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A flow in a zip points at the archive's start, as its diagnostics do: no editor opens the entry. */
export function protocolFlow(flow: PassFlow, uriOf: (file: string) => string): ConnectorsFlow {
  const view: ConnectorsFlow = { ...flow.view, file: uriOf(flow.file) };
  // The child's file is absolute here (a child inside a zip: the archive), a URI for the client.
  if (view.childFlows) view.childFlows = view.childFlows.map((c) => (c.child ? { ...c, child: { ...c.child, file: uriOf(c.child.file) } } : c));
  if (flow.entry === undefined) return view;
  view.entry = flow.entry;
  view.connectors = view.connectors.map((c) => ({ ...c, actions: c.actions.map((a) => ({ ...a, range: START })) }));
  if (view.childFlows) view.childFlows = view.childFlows.map((c) => ({ ...c, range: START }));
  return view;
}

/** Sorted by file, then by name, so the client's tree is stable from one pass to the next. */
export function connectorsResult(flows: readonly PassFlow[], uriOf: (file: string) => string): ConnectorsResult {
  const out = flows.map((f) => protocolFlow(f, uriOf));
  out.sort((a, b) => (a.file === b.file ? compare(a.entry ?? '', b.entry ?? '') || compare(a.name, b.name) : compare(a.file, b.file)));
  return { flows: out };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
