import { rangeOf } from '../artifacts/source';
import { connectorDisplayName, connectorUseName } from '../connectors/names';
import type { RelatedLocation } from '../findings';
import type { Flow, Step } from '../model/types';
import type { Sink } from './exfiltration';
import type { Provenance } from './cross-flow';
import type { DataPath } from './trace';

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
export function describeVia(path: DataPath): string {
  const middle = path.hops.slice(0, -1).map((hop) => (hop.variable && hop.step.type.toLowerCase() !== 'initializevariable' ? `'${hop.step.name}' (variable '${hop.variable}')` : `'${hop.step.name}'`));
  return middle.length > 0 ? ` via ${middle.join(', ')}` : '';
}

/**
 * Where the data comes from, as a message names it: the source step, or for data another flow
 * passed in, the step of that flow that read it and how it got into this one.
 */
export function describeOrigin(flow: Flow, path: DataPath & { upstream?: Provenance }): string {
  const upstream = path.upstream;
  if (!upstream) return describeSource(path.source);
  const where = upstream.origin.file === flow.doc.source.path ? 'this flow' : `flow '${upstream.origin.flow}'`;
  const into = path.source.kind === 'trigger' ? `passed in to this flow's trigger '${path.source.name}'` : `returned by the child flow that '${path.source.name}' runs`;
  return `${upstream.origin.description} of ${where} (${into})`;
}

/** The step name of the origin, for findings' data: the source step, or the step of the other flow that read the data. */
export function originStep(path: DataPath & { upstream?: Provenance }): string {
  return path.upstream?.origin.step ?? path.source.name;
}

/**
 * The source, then every hop in order, each where the data enters it. Data from another flow
 * starts where it was read there, with each step it took in the files it went through.
 */
export function pathLocations(flow: Flow, path: DataPath & { upstream?: Provenance }): RelatedLocation[] {
  const source = flow.doc.source;
  const at = (offset: number, length: number) => rangeOf(source, { offset, length });
  const out: RelatedLocation[] = path.upstream
    ? path.upstream.links.map((link, i) => ({ file: link.file, range: link.range, message: `${i + 1}. ${link.text}`, hop: i + 1 }))
    : [{ file: source.path, range: at(path.source.nameNode.offset, path.source.nameNode.length), message: `1. business data enters at ${describeSource(path.source)}`, hop: 1 }];
  const first = out.length + 1;
  path.hops.forEach((hop, i) => {
    const last = i === path.hops.length - 1;
    const through = hop.variable ? ` through variable '${hop.variable}'` : '';
    out.push({
      file: source.path,
      range: at(hop.ref.span.offset, hop.ref.span.length),
      message: `${i + first}. ${last ? 'leaves at' : 'passed on by'} '${hop.step.name}'${through}`,
      hop: i + first,
    });
  });
  return out;
}
