import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { prop, str, type JsonNode } from '../core/artifacts/json';
import type { WorkspaceIndex } from '../core/analysis/workspace-index';
import { connectorUseName } from '../core/connectors/names';
import { childFlowCall } from '../core/model/child-flow';
import type { ConnectorUse, CustomConnectorLink, Flow, Step } from '../core/model/types';
import { classify } from '../core/policy/classify';
import { groupLabel, why } from '../core/policy/explain';
import type { DlpPolicy } from '../core/policy/types';
import { locate, referenceTarget, type Located } from '../core/protocol/locate';
import type { Range } from '../core/text/range';
import { code } from './markdown';

const READS: Record<string, string> = {
  body: 'the body of the outputs of',
  actionBody: 'the body of the outputs of',
  outputs: 'the outputs of',
  actionOutputs: 'the outputs of',
  actions: 'the run details (status, inputs, outputs) of',
  result: 'the results of the actions inside',
  items: 'the current item of',
  iterationIndexes: 'the iteration index of',
};

function stepLabel(step: Step): string {
  const connector = step.connector ? `, ${connectorUseName(step.connector)}` : '';
  return `${step.kind} ${code(step.name)} (${code(step.type)}${connector})`;
}

function dlpLines(connector: ConnectorUse, policies: readonly DlpPolicy[]): string[] {
  if (policies.length === 0) return ['No DLP policy applies: name policies in flowguard.json to see its group.'];
  return policies.map((policy) => {
    const c = classify(policy, connector);
    return `- **${groupLabel(c)}** under ${code(policy.displayName)}: ${why(c)}`;
  });
}

/** A custom connector's title, host and definition, or that its definition is not in the workspace. */
function customLines(custom: CustomConnectorLink): string[] {
  const connector = custom.connector;
  if (!connector) return ['', `Custom connector${custom.logicalName ? ` ${code(custom.logicalName)}` : ''}: its definition is not in the workspace.`];
  const host = connector.hostKind === 'literal' && connector.host ? code(`${connector.schemes[0] ?? 'https'}://${connector.host}${connector.basePath && connector.basePath !== '/' ? connector.basePath : ''}`) : connector.host ? `${code(connector.host)} (set at deployment)` : 'none given';
  const lines = ['', `Custom connector **${connector.title}** (${code(connector.logicalName)}), host ${host}`];
  if (connector.authTypes.length > 0) lines.push('', `Authentication: ${connector.authTypes.map(code).join(', ')}`);
  if (connector.hasCustomCode) lines.push('', 'Runs custom code on each call.');
  const definition = connector.files.find((f) => f.role === 'definition');
  if (definition) lines.push('', `Definition: ${code(definition.path)}`);
  return lines;
}

/** The child flow a "Run a Child Flow" action runs, or that the workspace does not hold it. */
function childFlowLines(flow: Flow, step: Step, workspace: WorkspaceIndex | undefined): string[] {
  const call = childFlowCall(step);
  if (!call) return [];
  const resolved = workspace?.callsOf(flow.doc.source.path).find((c) => c.call.step === step.name);
  const child = resolved?.child;
  if (!child) return ['', `Runs child flow ${code(call.workflowId)}, which is not in the workspace: data paths stop here.`];
  const lines = ['', `Runs child flow **${child.name}** (${code(child.key)})`];
  const inputs = Object.keys(child.trigger?.inputs ?? {});
  if (inputs.length > 0) lines.push('', `Its trigger ${code(child.trigger?.name ?? '')} takes ${inputs.map(code).join(', ')}`);
  return lines;
}

function stepHover(flow: Flow, step: Step, policies: readonly DlpPolicy[], workspace: WorkspaceIndex | undefined): string {
  const lines = [`**${step.kind === 'trigger' ? 'Trigger' : 'Action'}** ${code(step.name)}`, '', `Type: ${code(step.type)}${step.subKind ? ` (kind ${code(step.subKind)})` : ''}`];
  lines.push(...childFlowLines(flow, step, workspace));
  const connector = step.connector;
  if (!connector) return lines.join('\n');
  lines.push('', `Connector: **${connectorUseName(connector, policies.map((p) => p.connectors.get(connector.id)?.displayName).find(Boolean))}** (${code(connector.id)})`);
  if (connector.custom) lines.push(...customLines(connector.custom));
  if (connector.apiId && connector.apiId.toLowerCase() !== connector.id) lines.push('', `API: ${code(connector.apiId)}`);
  if (connector.operationId) lines.push('', `Operation: ${code(connector.operationId)}`);
  if (connector.connectionName) lines.push('', `Connection reference: ${code(connector.connectionName)}`);
  lines.push('', 'DLP:', '', ...dlpLines(connector, policies));
  return lines.join('\n');
}

/** The type beside a variable's name node, in its declaration {name, type, value}. */
function declarationType(nameNode: JsonNode): string | undefined {
  return str(prop(nameNode.parent?.parent, 'type'));
}

function referenceHover(flow: Flow, located: Extract<Located, { kind: 'reference' }>): string {
  const { reference, step } = located;
  const call = code(flow.doc.source.text.slice(reference.callSpan.offset, reference.callSpan.offset + reference.callSpan.length));
  if (reference.kind === 'dynamic') return `${call} names what it reads at run time, so FlowGuard cannot tell which ${reference.fn === 'variables' ? 'variable' : reference.fn === 'parameters' ? 'parameter' : 'action'} it is.`;
  const target = referenceTarget(flow, reference, step);
  switch (reference.kind) {
    case 'action':
    case 'loop':
      return target?.kind === 'step'
        ? `${call} reads ${(Object.hasOwn(READS, reference.fn) ? READS[reference.fn] : undefined) ?? 'the outputs of'} ${stepLabel(target.step)}.`
        : `${call}: no action of this flow is named ${code(reference.name)}.`;
    case 'trigger':
      return target?.kind === 'step' ? `${call} reads the ${reference.fn === 'triggerBody' ? 'body' : 'outputs'} of ${stepLabel(target.step)}.` : `${call}: this flow has no trigger.`;
    case 'item':
      return target?.kind === 'step' ? `${call} is the current item of the innermost loop, ${stepLabel(target.step)}.` : `${call} is used outside any loop.`;
    case 'variable': {
      if (target?.kind !== 'variable') return `${call}: no Initialize variable action of this flow declares ${code(reference.name)}.`;
      const type = declarationType(target.node);
      return `${call} reads variable ${code(reference.name)}${type ? ` of type ${code(type)}` : ''}, declared by ${stepLabel(target.step)}.`;
    }
    case 'parameter': {
      const parameter = flow.parameters.find((p) => p.name.toLowerCase() === reference.name.toLowerCase());
      if (!parameter) return `${call}: the flow declares no parameter ${code(reference.name)}.`;
      const type = parameter.type ? ` of type ${code(parameter.type)}` : '';
      const variable = parameter.schemaName ? `, standing for environment variable ${code(parameter.schemaName)}` : '';
      return `${call} reads flow parameter ${code(parameter.name)}${type}${variable}.`;
    }
  }
}

function contents(flow: Flow, located: Located, policies: readonly DlpPolicy[], workspace: WorkspaceIndex | undefined): string | undefined {
  switch (located.kind) {
    case 'step':
    case 'connector':
      return stepHover(flow, located.step, policies, workspace);
    case 'reference':
      return referenceHover(flow, located);
    case 'run-after': {
      const target = flow.steps.find((s) => s.name.toLowerCase() === located.runAfter.action.toLowerCase());
      const statuses = located.runAfter.statuses.join(', ') || 'Succeeded';
      return target
        ? `${code(located.step.name)} runs after ${stepLabel(target)} when it has ${statuses}.`
        : `${code(located.step.name)} runs after ${code(located.runAfter.action)}, which is no action of this flow.`;
    }
  }
}

/**
 * The hover at an offset of a flow's text: a step and its DLP groups (and the child flow a "Run a
 * Child Flow" action runs, looked up in `workspace`), or what an expression reference reads.
 */
export function hoverAt(flow: Flow, offset: number, policies: readonly DlpPolicy[], workspace?: WorkspaceIndex): Hover | undefined {
  const located = locate(flow, offset);
  if (!located) return undefined;
  const value = contents(flow, located, policies, workspace);
  if (value === undefined) return undefined;
  const range: Range = flow.doc.source.lines.rangeOf(located.span);
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
