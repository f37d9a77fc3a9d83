import type { JsonNode } from '../artifacts/json';

/**
 * The keys (and array indexes) that lead from `root` down to `node`, or undefined when `node`
 * is not inside `root`. Rules use it to tell which field of an action a value was written in
 * (`['parameters', 'emailMessage/Bcc']`, `['headers', 'x-api-key']`).
 */
export function pathFrom(root: JsonNode | undefined, node: JsonNode): (string | number)[] | undefined {
  if (!root || node.offset < root.offset || node.offset >= root.offset + root.length) return undefined;
  const path: (string | number)[] = [];
  let current: JsonNode | undefined = node;
  while (current && current !== root) {
    const parent: JsonNode | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'property') {
      if (parent.children?.[1] === current) path.push(String(parent.children[0]?.value));
      current = parent.parent;
    } else {
      if (parent.type === 'array') path.push(parent.children?.indexOf(current) ?? -1);
      current = parent;
    }
  }
  return current === root ? path.reverse() : undefined;
}

/** The last `/`-separated part of a connector parameter key: `emailMessage/Bcc` gives `bcc`. */
export function fieldName(key: string | number | undefined): string {
  const text = String(key ?? '');
  return text.slice(text.lastIndexOf('/') + 1).toLowerCase();
}
