import type { Finding } from '../../core/findings';
import type { Flow } from '../../core/model/types';
import type { DlpPolicy } from '../../core/policy/types';
import { flowConnectorsView, type ConnectorView } from '../../core/protocol/connectors-view';
// Findings arrive masked (core/engine/redact-finding.ts); the flow names said here are masked alike.
import { redactText } from '../../core/secrets/redact';
import { fingerprintFindings } from '../baseline/fingerprints';
import type { Linted } from '../project';
import { matchFlows, type FlowPair } from './match-flows';
import type { FileChange, FlowChange, ReviewReport } from './types';

interface Buckets {
  newFindings: Finding[];
  fixedFindings: Finding[];
  removedWith: number;
}

function connectorsOf(flow: Flow | undefined, policies: readonly DlpPolicy[]): ConnectorView[] {
  return flow ? flowConnectorsView(flow, policies).connectors : [];
}

function minus(a: ConnectorView[], b: ConnectorView[]): ConnectorView[] {
  const ids = new Set(b.map((c) => c.id));
  return a.filter((c) => !ids.has(c.id));
}

function flowsByFile(flows: readonly Flow[]): Map<string, Flow> {
  return new Map(flows.map((f) => [f.doc.source.path, f]));
}

function byPair(pairs: FlowPair[], side: 'base' | 'head'): Map<Flow, FlowPair> {
  return new Map(pairs.filter((p) => p[side]).map((p) => [p[side]!, p]));
}

/** Fingerprints of the findings that count (not suppressed), as a multiset. */
function counted(findings: readonly Finding[], fingerprints: Map<Finding, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (!f.suppressed) counts.set(fingerprints.get(f)!, (counts.get(fingerprints.get(f)!) ?? 0) + 1);
  return counts;
}

function flowChange(pair: FlowPair, buckets: Buckets | undefined, policies: readonly DlpPolicy[]): FlowChange | undefined {
  const { base, head } = pair;
  const shown = (head ?? base)!;
  const baseConnectors = connectorsOf(base, policies);
  const headConnectors = connectorsOf(head, policies);
  const change: FlowChange = {
    status: !base ? 'added' : !head ? 'removed' : 'changed',
    name: redactText(shown.displayName),
    file: shown.doc.source.path,
    connectorsAdded: minus(headConnectors, baseConnectors),
    connectorsRemoved: minus(baseConnectors, headConnectors),
    newFindings: buckets?.newFindings ?? [],
    fixedFindings: buckets?.fixedFindings ?? [],
    removedWith: buckets?.removedWith ?? 0,
  };
  const id = head?.id ?? base?.id;
  if (id !== undefined) change.id = id;
  if (base && head && base.displayName !== head.displayName) change.baseName = redactText(base.displayName);
  if (base && head && base.doc.source.path !== head.doc.source.path) change.baseFile = base.doc.source.path;
  const quiet = change.connectorsAdded.length + change.connectorsRemoved.length + change.newFindings.length + change.fixedFindings.length === 0;
  return change.status === 'changed' && quiet ? undefined : change;
}

/**
 * What the change does: flows paired across the two sides (see match-flows.ts), connectors added
 * and removed, and findings new and fixed. Findings match by fingerprint (rule, file, flow,
 * action, connector), a base finding of a paired flow taken under the head's file
 * and name so that a moved or renamed flow keeps its findings.
 */
export function compareSides(base: Linted, head: Linted, policies: readonly DlpPolicy[], ref: { ref: string; commit: string }): ReviewReport {
  const pairs = matchFlows(base.ws.flows, head.ws.flows);
  const baseFlows = flowsByFile(base.ws.flows);
  const headFlows = flowsByFile(head.ws.flows);
  const pairOfBase = byPair(pairs, 'base');
  const pairOfHead = byPair(pairs, 'head');

  const asHeadSees = (f: Finding): Finding => {
    const flow = baseFlows.get(f.file);
    const twin = flow ? pairOfBase.get(flow)?.head : undefined;
    return twin ? { ...f, file: twin.doc.source.path, flow: f.flow === undefined ? undefined : redactText(twin.displayName) } : f;
  };
  const baseFp = fingerprintFindings(base.result.findings, asHeadSees);
  const headFp = fingerprintFindings(head.result.findings);
  const inBase = counted(base.result.findings, baseFp);
  const inHead = counted(head.result.findings, headFp);

  const buckets = new Map<FlowPair, Buckets>();
  const files = new Map<string, FileChange>();
  const bucket = (pair: FlowPair): Buckets => buckets.get(pair) ?? buckets.set(pair, { newFindings: [], fixedFindings: [], removedWith: 0 }).get(pair)!;
  const fileBucket = (file: string): FileChange => files.get(file) ?? files.set(file, { file, newFindings: [], fixedFindings: [] }).get(file)!;

  for (const f of head.result.findings) {
    if (f.suppressed || inBase.has(headFp.get(f)!)) continue;
    const flow = headFlows.get(f.file);
    const pair = flow ? pairOfHead.get(flow) : undefined;
    (pair ? bucket(pair) : fileBucket(f.file)).newFindings.push(f);
  }
  for (const f of base.result.findings) {
    if (f.suppressed || inHead.has(baseFp.get(f)!)) continue;
    const flow = baseFlows.get(f.file);
    const pair = flow ? pairOfBase.get(flow) : undefined;
    if (pair && !pair.head) bucket(pair).removedWith++;
    else (pair ? bucket(pair) : fileBucket(f.file)).fixedFindings.push(f);
  }

  const flows = pairs.map((p) => flowChange(p, buckets.get(p), policies)).filter((c): c is FlowChange => c !== undefined);
  flows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    base: ref,
    flows,
    files: [...files.values()].sort((a, b) => (a.file < b.file ? -1 : 1)),
    unchangedFlows: pairs.filter((p) => p.base && p.head).length - flows.filter((f) => f.status === 'changed').length,
    unreadable: head.result.unreadable,
    notices: head.result.notices,
  };
}
