import type { JsonNode } from '../artifacts/json';
import type { PolicyBuilder } from './builder';
import type { PolicyReader } from './reader';
import type { ActionRule, EndpointRule } from './types';

const ACTION_BEHAVIOR: Record<string, 'allow' | 'block'> = { Allow: 'allow', Block: 'block' };
const ENDPOINT_BEHAVIOR: Record<string, 'allow' | 'deny'> = { Allow: 'allow', Deny: 'deny' };

/** Reads `connectorConfigurationsDefinition`: connector action control and endpoint filtering. */
export function readConnectorConfigurations(reader: PolicyReader, builder: PolicyBuilder, node: JsonNode): void {
  const defs = reader.object(node, '"connectorConfigurationsDefinition"');
  for (const config of reader.array(defs, 'connectorActionConfigurations')) readActionConfiguration(reader, builder, config);
  for (const config of reader.array(defs, 'endpointConfigurations')) readEndpointConfiguration(reader, builder, config);
}

function readActionConfiguration(reader: PolicyReader, builder: PolicyBuilder, node: JsonNode): void {
  const config = reader.object(node, 'a connector action configuration');
  const connectorId = reader.requiredString(config, 'connectorId', 'a connector action configuration');
  // Terraform and the admin center write "" for a connector whose actions were never configured,
  // which the platform treats as allowing every action.
  const defaultNode = reader.get(config, 'defaultConnectorActionRuleBehavior');
  const isBlank = defaultNode?.type === 'string' && (defaultNode.value as string) === '';
  const defaultBehavior = (isBlank ? undefined : reader.choice(config, 'defaultConnectorActionRuleBehavior', ACTION_BEHAVIOR)) ?? 'allow';
  const rules: ActionRule[] = reader.array(config, 'actionRules').map((ruleNode) => {
    const rule = reader.object(ruleNode, 'an action rule');
    const behavior = reader.choice(rule, 'behavior', ACTION_BEHAVIOR);
    if (!behavior) reader.fail(rule, 'an action rule needs a "behavior" (Allow or Block)');
    return { actionId: reader.requiredString(rule, 'actionId', 'an action rule'), behavior, at: reader.loc(rule) };
  });
  builder.addActionRules(connectorId, defaultBehavior, rules, config);
}

function readEndpointConfiguration(reader: PolicyReader, builder: PolicyBuilder, node: JsonNode): void {
  const config = reader.object(node, 'an endpoint configuration');
  const connectorId = reader.requiredString(config, 'connectorId', 'an endpoint configuration');
  const rules: EndpointRule[] = reader.array(config, 'endpointRules').map((ruleNode, index) => {
    const rule = reader.object(ruleNode, 'an endpoint rule');
    const behavior = reader.choice(rule, 'behavior', ENDPOINT_BEHAVIOR);
    if (!behavior) reader.fail(rule, 'an endpoint rule needs a "behavior" (Allow or Deny)');
    // The REST shape spells it "endPoint", PowerShell "endpoint"; reader.get ignores case.
    const endpoint = reader.requiredString(rule, 'endPoint', 'an endpoint rule');
    return { order: readOrder(reader, rule, index), behavior, endpoint, at: reader.loc(rule) };
  });
  builder.addEndpointRules(connectorId, rules, config);
}

/** A missing order keeps the rule where it stands in the list. */
export function readOrder(reader: PolicyReader, rule: JsonNode, index: number): number {
  const order = reader.get(rule, 'order');
  if (!order) return index + 1;
  if (order.type !== 'number' || !Number.isFinite(order.value)) reader.fail(order, '"order" must be a number');
  return order.value as number;
}
