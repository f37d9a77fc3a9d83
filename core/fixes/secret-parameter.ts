import { prop, type JsonNode } from '../artifacts/json';
import type { Fix, TextEdit } from '../findings';
import type { Flow, FlowParameter, Step } from '../model/types';
import { secretLabel, type SecretMatch } from '../secrets/kinds';
import { formatPath } from '../secrets/scan-json';
import type { Span } from '../text/range';
import { replaceSpan, setProperty } from './json-edits';
import { uniqueName } from './unique-name';

/** A secret written into a string of a flow's trigger or action. */
export interface SecretSite {
  flow: Flow;
  step: Step;
  /** The string node holding the secret. */
  node: JsonNode;
  /** From the step to the string: inputs.headers.x-api-key. */
  path: (string | number)[];
  match: SecretMatch;
  /** Where the secret is in the file. */
  span: Span;
}

const LEADING_VERBS = new Set(['call', 'get', 'send', 'post', 'put', 'patch', 'delete', 'invoke', 'run', 'query', 'request', 'fetch', 'set', 'compose', 'initialize', 'create', 'update', 'start', 'http']);
/** Path segments that say where a value sits, not what it is. */
const GENERIC_FIELDS = new Set(['inputs', 'value', 'uri', 'url', 'body', 'headers', 'queries', 'authentication', 'parameters', 'variables', 'subscribe', 'unsubscribe']);

function normalized(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** What the secret belongs to, from the action's name: 'Call_partner' gives 'Partner'. */
function subject(step: Step): string {
  const words = step.name.split(/[_\s]+/).filter(Boolean);
  if (words.length > 1 && LEADING_VERBS.has((words[0] ?? '').toLowerCase())) words.shift();
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What names the secret where it sits: a query parameter, a header, a field. */
function fieldName(site: SecretSite): string | undefined {
  if (site.match.name) return site.match.name;
  for (let i = site.path.length - 1; i >= 0; i--) {
    const segment = site.path[i];
    if (typeof segment === 'string' && !GENERIC_FIELDS.has(segment.toLowerCase())) return segment;
  }
  return undefined;
}

/** 'Partner API key (x-api-key)': readable in the designer, and free of quotes an expression would need escaped. */
function describedName(site: SecretSite): { name: string; wanted: string[] } {
  const label = secretLabel(site.match.kind);
  const field = fieldName(site);
  const base = `${subject(site.step)} ${label}`;
  const named = field && !normalized(label).includes(normalized(field)) ? `${base} (${field})` : base;
  return { name: named.replace(/[^A-Za-z0-9 ()_.-]+/g, ' ').replace(/\s+/g, ' ').trim(), wanted: [normalized(base), normalized(field ?? '')].filter(Boolean) };
}

/** An environment variable parameter ('Display name (schemaname)') named like the secret. */
function matchingEnvironmentVariable(flow: Flow, wanted: string[]): FlowParameter | undefined {
  return flow.parameters.find((p) => {
    if (!p.schemaName) return false;
    const names = [p.name.replace(/\s*\([^()]*\)$/, ''), p.schemaName, p.schemaName.replace(/^[A-Za-z0-9]+_/, '')].map(normalized);
    return wanted.some((w) => names.includes(w));
  });
}

/** Replaces the secret with a reference to parameter `name`; undefined when no reference fits there. */
function referenceEdit(site: SecretSite, name: string): TextEdit | undefined {
  const value = site.node.value as string;
  const before = value.slice(0, site.match.start);
  const after = value.slice(site.match.end);
  // '@' + '@{' would read as an escaped '@' and a literal brace.
  if (before.endsWith('@')) return undefined;
  const call = `parameters('${name.replace(/'/g, "''")}')`;
  const reference = before === '' && after === '' ? `@${call}` : `@{${call}}`;
  const doc = site.flow.doc;
  const wholeNode = site.span.offset === site.node.offset && site.span.length === site.node.length;
  // When escapes kept the secret's own span from being found, the whole string is rewritten.
  if (wholeNode) return replaceSpan(doc, site.span, JSON.stringify(before + reference + after));
  return replaceSpan(doc, site.span, JSON.stringify(reference).slice(1, -1));
}

/**
 * Takes a hardcoded secret out of the flow: references a matching environment variable parameter
 * when the flow has one, else a new SecureString parameter with no default value, to be supplied
 * at deployment. Unsafe: the flow needs that value before it runs again. The secret is removed
 * and written nowhere else.
 */
export function secretParameterFixes(site: SecretSite): Fix[] {
  const { name, wanted } = describedName(site);
  const existing = matchingEnvironmentVariable(site.flow, wanted);
  if (existing) {
    const edit = referenceEdit(site, existing.name);
    return edit ? [{ title: `Use environment variable '${existing.name}' instead of the secret`, safe: false, edits: [edit] }] : [];
  }
  const parameters = prop(site.flow.definition, 'parameters');
  if (parameters && parameters.type !== 'object') return [];
  const taken = new Set(site.flow.parameters.map((p) => p.name.toLowerCase()));
  const parameter = uniqueName(name, taken, ' ');
  const edit = referenceEdit(site, parameter);
  if (!edit) return [];
  const declaration = {
    type: 'SecureString',
    metadata: { description: `Set at deployment: the secret that was written into '${site.step.name}' (${formatPath(site.path)}).` },
  };
  const declare = setProperty(site.flow.doc, ['parameters', parameter], declaration, site.flow.definition);
  return [{ title: `Move the secret into a secure parameter '${parameter}'`, safe: false, edits: [...declare, edit] }];
}
