import type { JsonNode } from '../artifacts/json';
import { findSecrets, type ValueRole } from './detect';
import { roleIn } from './json-role';
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

const NO_ROLE: ValueRole = {};

/** Every secret in every string under `root`, in document order. */
export function scanJson(root: JsonNode, options: ScanOptions = {}): JsonSecret[] {
  const found: JsonSecret[] = [];
  const skip = options.skip;
  // The keys and indexes from the root to the node visited: copied only for a string that holds
  // a secret, which few do. Loops go by index, as for...of allocates an iterator per loop in code
  // the JIT has not optimised yet, and this runs for every node of every step.
  const path: (string | number)[] = [];
  const visit = (node: JsonNode, role: ValueRole): void => {
    if (node.type === 'string') {
      const matches = findSecrets(node.value as string, role);
      if (matches.length === 0) return;
      const at = [...path];
      for (const match of matches) found.push({ node, path: at, match });
    } else if (node.type === 'array') {
      const children = node.children ?? [];
      for (let i = 0; i < children.length; i++) {
        path.push(i);
        visit(children[i] as JsonNode, role);
        path.pop();
      }
    } else if (node.type === 'object') {
      // What is skipped is always an object: nested actions.
      if (skip?.has(node)) return;
      const last = path[path.length - 1];
      // Lower-cased once for all the object's members (roleIn), not once a member.
      const container = typeof last === 'string' ? last.toLowerCase() : undefined;
      const properties = node.children ?? [];
      for (let i = 0; i < properties.length; i++) {
        const property = properties[i] as JsonNode;
        const keyNode = property.children?.[0];
        const value = property.children?.[1];
        if (!keyNode || !value) continue;
        const key = String(keyNode.value);
        if (STRUCTURAL_MEMBERS.has(key)) continue;
        // Only strings read a role, and arrays hand theirs to their items; an object's members get
        // roles of their own, and numbers, booleans and nulls hold no secret.
        const type = value.type;
        if (type !== 'object' && type !== 'string' && type !== 'array') continue;
        path.push(key);
        visit(value, type === 'object' ? NO_ROLE : roleIn(key, node, container));
        path.pop();
      }
    }
  };
  visit(root, options.role ?? NO_ROLE);
  return found;
}

/** A path as messages show it: inputs.headers.x-api-key, inputs.body.items[0].secret. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
