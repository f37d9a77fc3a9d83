import { propIgnoreCase, type JsonNode } from '../artifacts/json';
import { rangeOf, type SourceFile } from '../artifacts/source';
import { PolicyError } from './errors';
import type { PolicyLocation, PolicyWarning } from './types';

/**
 * What every format reader needs: positions, errors and warnings tied to nodes of one file, and
 * typed access that fails with a message naming the property. Tenant exports are read through
 * these checks rather than a schema because only the parts FlowGuard uses need to be right.
 */
export class PolicyReader {
  readonly warnings: PolicyWarning[] = [];

  constructor(readonly source: SourceFile) {}

  loc(node: JsonNode): PolicyLocation {
    return { file: this.source.path, range: rangeOf(this.source, { offset: node.offset, length: node.length }) };
  }

  fail(node: JsonNode | undefined, problem: string): never {
    throw new PolicyError(this.source, node ? { offset: node.offset, length: node.length } : { offset: 0, length: 0 }, problem);
  }

  warn(where: JsonNode | PolicyLocation, message: string): void {
    this.warnings.push({ message, at: 'range' in where ? where : this.loc(where) });
  }

  /** A property's value node, keys compared without case: PowerShell and REST disagree on case. */
  get(obj: JsonNode, key: string): JsonNode | undefined {
    const value = propIgnoreCase(obj, key);
    return value && value.type === 'null' ? undefined : value;
  }

  object(node: JsonNode | undefined, what: string): JsonNode {
    if (!node || node.type !== 'object') this.fail(node, `${what} must be an object`);
    return node;
  }

  /** An optional array; absent or null reads as empty, anything else that is not an array fails. */
  array(obj: JsonNode, key: string): JsonNode[] {
    const value = this.get(obj, key);
    if (!value) return [];
    if (value.type !== 'array') this.fail(value, `"${key}" must be an array`);
    return value.children ?? [];
  }

  requiredArray(obj: JsonNode, key: string, what: string): JsonNode[] {
    const value = this.get(obj, key);
    if (!value || value.type !== 'array') this.fail(value ?? obj, `${what} needs a "${key}" array`);
    return value.children ?? [];
  }

  optionalString(obj: JsonNode, key: string): string | undefined {
    const value = this.get(obj, key);
    if (!value) return undefined;
    if (value.type !== 'string') this.fail(value, `"${key}" must be a string`);
    return value.value as string;
  }

  requiredString(obj: JsonNode, key: string, what: string): string {
    const value = this.optionalString(obj, key);
    if (value === undefined || value.trim() === '') this.fail(this.get(obj, key) ?? obj, `${what} needs "${key}"`);
    return value;
  }

  /** A string property that must be one of `choices` (compared without case); absent gives undefined. */
  choice<T extends string>(obj: JsonNode, key: string, choices: Record<string, T>): T | undefined {
    const value = this.get(obj, key);
    if (!value) return undefined;
    const text = value.type === 'string' ? (value.value as string) : undefined;
    const found = text === undefined ? undefined : Object.entries(choices).find(([k]) => k.toLowerCase() === text.toLowerCase());
    if (!found) {
      const shown = value.type === 'string' ? `"${text}"` : value.type;
      this.fail(value, `"${key}" must be one of ${Object.keys(choices).join(', ')} (found ${shown})`);
    }
    return found[1];
  }
}
