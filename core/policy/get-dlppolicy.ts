import type { JsonNode } from '../artifacts/json';
import type { PolicyReader } from './reader';
import { readTenantPolicy } from './tenant-policy';
import type { DlpPolicy } from './types';

/** One policy as `Get-DlpPolicy` prints it: the policy definition itself, flat, with no rules. */
export function readGetDlpPolicy(reader: PolicyReader, node: JsonNode, environmentNames?: ReadonlyMap<string, string>): DlpPolicy {
  return readTenantPolicy(reader, {
    definition: node,
    node,
    format: 'get-dlppolicy',
    ...(environmentNames ? { environmentNames } : {}),
  });
}

/**
 * A ScubaGear provider export: `dlp_policies` holds one `{value: [...]}` per Get-DlpPolicy call.
 * Its `environment_list` names each environment, which lets a policy scoped by environment GUID
 * be matched by the display name a user puts in flowguard.json.
 */
export function readScubaGearExport(reader: PolicyReader, root: JsonNode): DlpPolicy[] {
  const names = environmentNames(reader, root);
  const dlp = reader.get(root, 'dlp_policies');
  const wrappers = !dlp ? [] : dlp.type === 'array' ? (dlp.children ?? []) : [dlp];
  const policies: DlpPolicy[] = [];
  for (const wrapper of wrappers) {
    if (wrapper.type === 'null') continue;
    const obj = reader.object(wrapper, 'an entry of "dlp_policies"');
    const list = reader.get(obj, 'value') ? reader.array(obj, 'value') : [obj];
    for (const item of list) policies.push(readGetDlpPolicy(reader, item, names));
  }
  return policies;
}

function environmentNames(reader: PolicyReader, root: JsonNode): Map<string, string> {
  const names = new Map<string, string>();
  const list = reader.get(root, 'environment_list');
  for (const env of list?.type === 'array' ? (list.children ?? []) : []) {
    if (env.type !== 'object') continue;
    const name = reader.get(env, 'EnvironmentName');
    const display = reader.get(env, 'DisplayName');
    if (name?.type === 'string' && display?.type === 'string') names.set((name.value as string).toLowerCase(), display.value as string);
  }
  return names;
}
