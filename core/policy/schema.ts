import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonNode } from '../artifacts/json';
import schema from '../../schemas/dlp-policy.schema.json';
import type { PolicyReader } from './reader';

let validate: ValidateFunction | undefined;

/** Compiling costs more than most lint runs spend validating, so only files in this format pay it, and load the library (core/config/schema-check.ts). */
function validator(): ValidateFunction {
  if (!validate) {
    const { default: AjvClass } = require('ajv') as { default: typeof Ajv };
    validate = new AjvClass({ allErrors: false, strict: true }).compile(schema);
  }
  return validate;
}

/**
 * Validates a FlowGuard policy against schemas/dlp-policy.schema.json (the file VS Code also uses)
 * and turns the first error into a PolicyError at the offending node.
 */
export function checkFlowGuardSchema(reader: PolicyReader, root: JsonNode, value: unknown): void {
  const check = validator();
  if (check(value)) return;
  const error = check.errors?.[0];
  if (!error) reader.fail(root, 'the policy does not match the FlowGuard DLP policy schema');
  const path = pointerSegments(error.instancePath);
  const node = nodeAt(root, path) ?? root;
  const badKey = error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : error.propertyName;
  reader.fail(badKey === undefined ? node : (keyNode(node, badKey) ?? node), describe(error, path));
}

function describe(error: ErrorObject, path: string[]): string {
  const label = path.length === 0 ? 'the policy' : `"${path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}"`;
  const params = error.params as Record<string, unknown>;
  // An error inside propertyNames is about a key, not a value.
  if (error.propertyName !== undefined) return `"${error.propertyName}" in ${label} is not a connector name (names have no spaces)`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}" in ${label}${hint(path)}`;
    case 'enum':
      return `${label} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${label} must be ${article(String(params.type))}`;
    case 'minLength':
      return `${label} must not be empty`;
    case 'pattern':
      return `${label} must be a connector name without spaces`;
    case 'minItems':
      return `${label} must list at least one entry`;
    case 'minProperties':
    case 'maxProperties':
      return `${label} ${exactlyOne(path)}`;
    default:
      return `${label} ${error.message ?? 'is not valid'}`;
  }
}

/** Told apart by where the object sits: ajv inlines $refs, so its schemaPath does not say. */
function exactlyOne(path: string[]): string {
  if (path[0] === 'environments') return 'takes exactly one of "only" or "except"';
  if (path[0] === 'actions') return 'takes exactly one of "block" or "allow"';
  if (path[0] === 'endpoints') return 'takes exactly one of "allow" or "deny"';
  return 'has the wrong number of properties';
}

function hint(path: string[]): string {
  if (path.length === 0) return '; expected name, description, default, business, nonBusiness, blocked, environments, actions, endpoints';
  if (path[0] === 'environments') return '; expected "only" or "except"';
  if (path[0] === 'actions') return '; expected "block" or "allow"';
  if (path[0] === 'endpoints') return '; expected "allow" or "deny"';
  return '';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function nodeAt(root: JsonNode, path: string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = node.type === 'array' ? node.children?.[Number(segment)] : valueOf(node, segment);
  }
  return node;
}

function valueOf(obj: JsonNode, key: string): JsonNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

function keyNode(obj: JsonNode, key: string): JsonNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
}
