import { ArtifactError } from '../artifacts/source';
import { parseJson, propIgnoreCase, type JsonNode } from '../artifacts/json';
import type { SourceFile } from '../artifacts/source';
import { readAdminApiPolicy } from './admin-api';
import { detectShape } from './detect';
import { PolicyError } from './errors';
import { readFlowGuardPolicy } from './flowguard-format';
import { readGetDlpPolicy, readScubaGearExport } from './get-dlppolicy';
import { PolicyReader } from './reader';
import type { DlpPolicy } from './types';

const NOT_A_POLICY = 'not a DLP policy: expected an admin API policy (policyDefinition), a Get-DlpPolicy object or a FlowGuard policy';

/**
 * Reads every DLP policy in one file, whatever format it is in: an admin API v2 policy or list,
 * Get-DlpPolicy output (also inside a ScubaGear export) or FlowGuard's own format. A file that is
 * broken or none of these throws a PolicyError naming the position; an empty list is no error.
 */
export function loadPolicies(source: SourceFile): DlpPolicy[] {
  const root = parse(source);
  const reader = new PolicyReader(source);
  switch (detectShape(root)) {
    case 'flowguard':
      return [readFlowGuardPolicy(reader, root)];
    case 'admin-api':
      return [readAdminApiPolicy(reader, root)];
    case 'get-dlppolicy':
      return [readGetDlpPolicy(reader, root)];
    case 'scubagear':
      return readScubaGearExport(reader, root);
    case 'list':
      return listItems(root).map((item) => readListItem(reader, item));
    case 'unknown':
      return reader.fail(root, NOT_A_POLICY);
  }
}

function parse(source: SourceFile): JsonNode {
  try {
    return parseJson(source).root;
  } catch (e) {
    if (e instanceof ArtifactError && !(e instanceof PolicyError)) {
      throw new PolicyError(source, e.span, e.message);
    }
    throw e;
  }
}

/** `{value: [...]}` as the list APIs return it, or a bare array as ConvertTo-Json writes one. */
function listItems(root: JsonNode): JsonNode[] {
  const list = root.type === 'array' ? root : propIgnoreCase(root, 'value');
  return list?.children ?? [];
}

function readListItem(reader: PolicyReader, item: JsonNode): DlpPolicy {
  const shape = detectShape(item);
  if (shape === 'admin-api') return readAdminApiPolicy(reader, item);
  if (shape === 'get-dlppolicy') return readGetDlpPolicy(reader, item);
  return reader.fail(item, 'list entry is not a DLP policy: expected an admin API policy (policyDefinition) or a Get-DlpPolicy object');
}
