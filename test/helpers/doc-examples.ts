// The examples a rule page shows, and the flow the docs test builds around each (the
// convention is written down in docs/rules/README.md).

/** The text of a page's `## Examples` section. */
export function examplesSection(page: string): string {
  return /^## Examples\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page)?.[1] ?? '';
}

/** The first ```json block under the `### <heading>` of the Examples section, if there is one. */
function snippetUnder(examples: string, heading: string): string | undefined {
  const section = new RegExp(`^### ${heading}\\n([\\s\\S]*?)(?=^### |(?![\\s\\S]))`, 'm').exec(examples)?.[1];
  return section === undefined ? undefined : /^```json\n([\s\S]*?)^```/m.exec(section)?.[1];
}

export interface PageExamples {
  bad?: string;
  fixed?: string;
}

export function pageExamples(page: string): PageExamples {
  const examples = examplesSection(page);
  const out: PageExamples = {};
  const bad = snippetUnder(examples, 'Bad');
  const fixed = snippetUnder(examples, 'Fixed');
  if (bad !== undefined) out.bad = bad;
  if (fixed !== undefined) out.fixed = fixed;
  return out;
}

/** The Examples section without its fenced blocks, where the fixture files are named. */
export function examplesProse(page: string): string {
  return examplesSection(page).replace(/^```[\s\S]*?^```/gm, '');
}

type Json = Record<string, unknown>;

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** What a flow that does not show its trigger starts with: a manual (button) trigger. */
const MANUAL_TRIGGER = { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: {}, required: [] } } } };

const DEFINITION_MEMBERS = new Set(['triggers', 'actions', 'parameters', 'outputs']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A solution flow file around a snippet: a whole export or a bare definition as it is; otherwise
 * the snippet's members, where `triggers`, `actions`, `parameters` and `outputs` go into the
 * definition, `connectionReferences` into the flow's properties, and every other member is an
 * action. A flow without triggers gets a manual one.
 */
export function flowAround(snippet: string): string {
  const text = snippet.trim();
  const parsed: unknown = JSON.parse(text.startsWith('{') ? text : `{${text}}`);
  if (!isObject(parsed)) throw new Error('a snippet is a JSON object or its members');
  if (isObject(parsed['properties']) && isObject(parsed['properties']['definition'])) return `${JSON.stringify(parsed, null, 2)}\n`;
  const definition: Json = { $schema: SCHEMA, contentVersion: '1.0.0.0' };
  const properties: Json = {};
  const actions: Json = {};
  let parameters: Json = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '$schema' || key === 'contentVersion') continue;
    if (key === 'connectionReferences') properties[key] = value;
    else if (key === 'actions' && isObject(value)) Object.assign(actions, value);
    else if (key === 'parameters' && isObject(value)) parameters = value;
    else if (DEFINITION_MEMBERS.has(key)) definition[key] = value;
    else actions[key] = value;
  }
  definition['parameters'] = { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' }, ...parameters };
  definition['triggers'] ??= MANUAL_TRIGGER;
  definition['actions'] = actions;
  return `${JSON.stringify({ properties: { ...properties, definition }, schemaVersion: '1.0.0.0' }, null, 2)}\n`;
}
