import { entries, type JsonNode } from '../artifacts/json';
import { findSecrets, type ValueRole } from './detect';
import { roleOf } from './json-role';
import type { SecretMatch } from './kinds';

/** A secret inside a JSON string node. `path` leads from the scanned node to the string. */
export interface JsonSecret {
  node: JsonNode;
  path: (string | number)[];
  match: SecretMatch;
}

/**
 * Members whose keys are not field names: `runAfter` is keyed by action names
 * ("Get_Client_Secret": ["Succeeded"]), which would otherwise read as credential names.
 */
const STRUCTURAL_MEMBERS = new Set(['runAfter']);

export interface ScanOptions {
  /** Subtrees to leave out: nested actions, which are scanned as actions of their own. */
  skip?: ReadonlySet<JsonNode>;
  /** The role of the scanned node itself, when its name is known from outside (a parameter's name). */
  role?: ValueRole;
}

/** Every secret in every string under `root`, in document order. */
export function scanJson(root: JsonNode, options: ScanOptions = {}): JsonSecret[] {
  const found: JsonSecret[] = [];
  const visit = (node: JsonNode, path: (string | number)[], role: ValueRole): void => {
    if (options.skip?.has(node)) return;
    if (node.type === 'string') {
      for (const match of findSecrets(node.value as string, role)) found.push({ node, path, match });
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => visit(child, [...path, i], role));
    } else if (node.type === 'object') {
      const last = path[path.length - 1];
      const objectKey = typeof last === 'string' ? last : undefined;
      for (const [keyNode, value] of entries(node)) {
        const key = String(keyNode.value);
        if (STRUCTURAL_MEMBERS.has(key)) continue;
        visit(value, [...path, key], roleOf(key, node, objectKey));
      }
    }
  };
  visit(root, [], options.role ?? {});
  return found;
}

/** A path as messages show it: inputs.headers.x-api-key, inputs.body.items[0].secret. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
