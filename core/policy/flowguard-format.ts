import { getNodeValue } from 'jsonc-parser';
import { entries, items, prop, str, type JsonNode } from '../artifacts/json';
import { PolicyBuilder } from './builder';
import type { PolicyReader } from './reader';
import { checkFlowGuardSchema } from './schema';
import type { ActionRule, DlpPolicy, EndpointRule, EnvironmentScope, Group, UrlPatternRule } from './types';
import { sortUrlPatterns } from './url-patterns';

const GROUP_KEYS: readonly Group[] = ['business', 'nonBusiness', 'blocked'];

/**
 * FlowGuard's own policy format, for people writing a policy by hand:
 *
 *   { "$schema": "https://flowguard.dev/schemas/dlp-policy.schema.json",
 *     "name": "Contoso baseline", "default": "nonBusiness",
 *     "business": ["shared_sharepointonline"], "blocked": ["Http"],
 *     "environments": { "only": ["Production"] },
 *     "actions": { "shared_sql": { "block": ["ExecutePassThroughNativeQuery_V2"] } },
 *     "endpoints": { "http": [{ "allow": "https://*.contoso.com/*" }, { "deny": "*" }] },
 *     "customConnectors": [{ "business": "https://*.contoso.com" }, { "ignore": "*" }] }
 *
 * The schema checks the shape; this reader only maps it onto the model, so every listing keeps
 * the node it was written at.
 */
export function readFlowGuardPolicy(reader: PolicyReader, root: JsonNode): DlpPolicy {
  checkFlowGuardSchema(reader, root, getNodeValue(root));
  const builder = new PolicyBuilder(reader, true);
  for (const group of GROUP_KEYS) {
    for (const entry of items(prop(root, group))) builder.addConnector(entry.value as string, group, entry);
  }
  for (const [key, control] of entries(prop(root, 'actions'))) addActions(reader, builder, key, control);
  for (const [key, list] of entries(prop(root, 'endpoints'))) addEndpoints(reader, builder, key, list);
  const patterns = prop(root, 'customConnectors');
  if (patterns) builder.setUrlPatterns(sortUrlPatterns(reader, readPatterns(reader, patterns), patterns));

  const name = str(prop(root, 'name')) ?? baseName(reader.source.path);
  return builder.build({
    name,
    displayName: name,
    format: 'flowguard',
    defaultGroup: (str(prop(root, 'default')) as Group | undefined) ?? 'nonBusiness',
    scope: readScope(prop(root, 'environments')),
    node: root,
  });
}

function addActions(reader: PolicyReader, builder: PolicyBuilder, key: JsonNode, control: JsonNode): void {
  const blockList = prop(control, 'block');
  const listed = blockList ?? prop(control, 'allow');
  // "block" names the exceptions to an allowing default; "allow" the exceptions to a blocking one.
  const behavior = blockList ? 'block' : 'allow';
  const rules: ActionRule[] = items(listed).map((node) => ({ actionId: node.value as string, behavior, at: reader.loc(node) }));
  builder.addActionRules(key.value as string, blockList ? 'allow' : 'block', rules, key.parent ?? control);
}

function addEndpoints(reader: PolicyReader, builder: PolicyBuilder, key: JsonNode, list: JsonNode): void {
  const rules: EndpointRule[] = items(list).map((node, index) => {
    const allow = str(prop(node, 'allow'));
    return {
      order: index + 1,
      behavior: allow !== undefined ? 'allow' : 'deny',
      endpoint: allow ?? (str(prop(node, 'deny')) as string),
      at: reader.loc(node),
    };
  });
  builder.addEndpointRules(key.value as string, rules, key.parent ?? list);
}

const PATTERN_KEYS: readonly UrlPatternRule['classification'][] = ['business', 'nonBusiness', 'blocked', 'ignore'];

/** `[{"business": "https://*.contoso.com"}, {"ignore": "*"}]`: in order, the first match decides. */
function readPatterns(reader: PolicyReader, list: JsonNode): UrlPatternRule[] {
  return items(list).map((node, index) => {
    const classification = PATTERN_KEYS.find((key) => prop(node, key)) ?? 'ignore';
    return { order: index + 1, classification, pattern: str(prop(node, classification)) ?? '*', at: reader.loc(node) };
  });
}

function readScope(node: JsonNode | undefined): EnvironmentScope {
  if (!node) return { type: 'all' };
  const single = str(prop(node, 'single'));
  if (single !== undefined) return { type: 'single', environments: [{ name: single }] };
  const only = prop(node, 'only');
  const names = items(only ?? prop(node, 'except')).map((n) => ({ name: n.value as string }));
  return { type: only ? 'only' : 'except', environments: names };
}

function baseName(path: string): string {
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  return file.replace(/(\.dlp)?\.json$/i, '') || file;
}
