import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { JsonDocument } from '../artifacts/json';
import { ConfigError } from './errors';

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

/**
 * Made, and the library loaded, when a schema is first checked: a run with no flowguard.json
 * checks none, and loading ajv and making its instance was 6 ms of every start (a share of an
 * unchanged --cache rerun, cli/cache/report-head.ts).
 */
function validator(): Ajv {
  if (!ajv) {
    const { default: AjvClass } = require('ajv') as { default: typeof Ajv };
    ajv = new AjvClass({ allErrors: false, strict: false });
  }
  return ajv;
}

function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `"${pathOf(error).join('.')}"` : 'The file';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${where === 'The file' ? 'Unknown' : `${where} has unknown`} property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  return `${where} ${error.message ?? 'is invalid'}`;
}

function nodeOf(doc: JsonDocument, error: ErrorObject): Node {
  const node = findNodeAtLocation(doc.root, pathOf(error)) ?? doc.root;
  const extra = (error.params as Record<string, unknown>).additionalProperty;
  if (typeof extra === 'string' && node.type === 'object') {
    const property = node.children?.find((p) => p.children?.[0]?.value === extra);
    if (property?.children?.[0]) return property.children[0];
  }
  if (error.keyword === 'propertyNames') return node;
  return node.parent?.type === 'property' && node.parent.children?.[1] === node ? node : node;
}

/** Validates a parsed document against a JSON schema; the first problem is a ConfigError at its position. */
export function checkSchema(doc: JsonDocument, schema: object): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = validator().compile(schema);
    compiled.set(schema, validate);
  }
  const data: unknown = JSON.parse(doc.source.text);
  if (validate(data)) return;
  const error = validate.errors?.[0];
  if (!error) return;
  const node = nodeOf(doc, error);
  throw new ConfigError(doc.source.path, `${describe(error)}.`, { offset: node.offset, length: node.length }, doc.source);
}
