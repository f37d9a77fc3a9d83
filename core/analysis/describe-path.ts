import { rangeOf } from '../artifacts/source';
import { connectorDisplayName, connectorUseName } from '../connectors/names';
import type { RelatedLocation } from '../findings';
import type { Flow, Step } from '../model/types';
import type { ExfiltrationPath, Sink } from './exfiltration';

export function describeSource(step: Step): string {
  const connector = step.connector ? connectorUseName(step.connector) : step.type;
  return `${step.kind === 'trigger' ? 'trigger ' : ''}${connector} '${step.name}'`;
}

export function describeSink(step: Step, sink: Sink): string {
  if (sink.kind === 'http' && sink.custom) {
    const host = sink.custom.hostKind === 'literal' ? `host ${sink.host ?? sink.custom.host ?? ''}` : `a host set at deployment (${sink.custom.hostVariable ? `environment variable ${sink.custom.hostVariable}` : 'an expression'})`;
    return `custom connector ${sink.custom.title} '${step.name}', which calls ${host}`;
  }
  if (sink.kind === 'http') {
    const target = sink.url ?? (sink.host ? `https://${sink.host}/…` : 'a URL built at run time');
    return `HTTP ${sink.method ?? 'request'} ${target} ('${step.name}')`;
  }
  if (sink.kind === 'response') return `the Response '${step.name}'`;
  return `${step.connector ? connectorUseName(step.connector) : connectorDisplayName(sink.connector)} '${step.name}'`;
}

/** "via 'Compose_body', variable 'payload'", or '' when the source feeds the sink directly. */
export function describeVia(path: ExfiltrationPath): string {
  const middle = path.hops.slice(0, -1).map((hop) => (hop.variable && hop.step.type.toLowerCase() !== 'initializevariable' ? `'${hop.step.name}' (variable '${hop.variable}')` : `'${hop.step.name}'`));
  return middle.length > 0 ? ` via ${middle.join(', ')}` : '';
}

/** The source, then every hop in order, each where the data enters it. */
export function pathLocations(flow: Flow, path: ExfiltrationPath): RelatedLocation[] {
  const source = flow.doc.source;
  const at = (offset: number, length: number) => rangeOf(source, { offset, length });
  const out: RelatedLocation[] = [
    { file: source.path, range: at(path.source.nameNode.offset, path.source.nameNode.length), message: `1. business data enters at ${describeSource(path.source)}` },
  ];
  path.hops.forEach((hop, i) => {
    const last = i === path.hops.length - 1;
    const through = hop.variable ? ` through variable '${hop.variable}'` : '';
    out.push({
      file: source.path,
      range: at(hop.ref.span.offset, hop.ref.span.length),
      message: `${i + 2}. ${last ? 'leaves at' : 'passed on by'} '${hop.step.name}'${through}`,
    });
  });
  return out;
}
