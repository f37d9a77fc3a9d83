import { items, prop, str } from '../artifacts/json';
import { forEachNode, parseStringText, references } from '../expressions';
import type { Step } from '../model/types';

/** The list or table a trigger watches, or an action writes, in a form that compares across the two. */
export interface DataTarget {
  connector: 'sharepoint' | 'dataverse';
  /** SharePoint: site URL + list; Dataverse: the table's logical name. */
  key: string;
  /** What the step does to it. */
  change: 'create' | 'update' | 'delete' | 'create-or-update' | 'any';
  /** Readable name of the list or table for messages. */
  label: string;
}

const SHAREPOINT_TRIGGERS: Record<string, DataTarget['change']> = {
  getonnewitems: 'create',
  getonupdateditems: 'create-or-update',
  getonchangeditems: 'update',
  getonnewfileitems: 'create',
  getonupdatedfileitems: 'create-or-update',
};

const SHAREPOINT_WRITES: Record<string, DataTarget['change']> = {
  postitem: 'create',
  patchitem: 'update',
  patchfileitem: 'update',
  patchfileitemwithpredictedvalues: 'update',
  createfile: 'create',
  updatefile: 'update',
};

/** Dataverse `subscriptionRequest/message`: 1 create, 2 delete, 3 update, 4 create or update, 5 create or delete, 6 update or delete, 7 any. */
const DATAVERSE_MESSAGES: Record<string, DataTarget['change']> = {
  '1': 'create',
  '2': 'delete',
  '3': 'update',
  '4': 'create-or-update',
  '5': 'create',
  '6': 'update',
  '7': 'any',
};

const DATAVERSE_WRITES: Record<string, DataTarget['change']> = {
  createrecord: 'create',
  updaterecord: 'update',
  updateonlyrecord: 'update',
  updaterecordwithorganization: 'update',
  createrecordwithorganization: 'create',
};

function parameter(step: Step, name: string): string | undefined {
  const node = prop(prop(step.inputs, 'parameters'), name);
  if (!node) return undefined;
  return node.type === 'number' ? String(node.value) : str(node);
}

/** The table's own entry: an operation named "constructor" or "__proto__" is in none of them. */
function changeOf(table: Record<string, DataTarget['change']>, key: string | undefined): DataTarget['change'] | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

function isLiteral(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '' && !value.startsWith('@') && !value.includes('@{');
}

/** Functions whose result differs from one evaluation to the next though they read nothing. */
const VOLATILE = new Set(['utcnow', 'guid', 'rand', 'getfuturetime', 'getpasttime']);

/**
 * Whether a value names the same thing wherever it is written: a literal, or an expression that
 * reads only the flow's parameters (environment variables, `@parameters('List (cat_List)')`),
 * which hold one value for the whole run. Anything that reads run data (an action, the trigger,
 * a variable, a loop item) or calls a volatile function can differ between the two steps.
 */
function isFixed(value: string | undefined): value is string {
  if (value === undefined || value.trim() === '') return false;
  const parsed = parseStringText(value);
  if (parsed.kind === 'literal') return true;
  const expressions = parsed.kind === 'expression' ? [parsed.expression] : parsed.expressions;
  return expressions.every(({ ast }) => {
    if (!ast) return false;
    let fixed = true;
    forEachNode(ast, (node) => {
      if (node.type === 'call' && VOLATILE.has(node.name.toLowerCase())) fixed = false;
    });
    return fixed && references(ast).every((ref) => ref.kind === 'parameter');
  });
}

/** The text two fixed values compare on: the runtime ignores case in site URLs, list names and function and parameter names. */
function fixedKey(value: string): string {
  return value.trim().replace(/\/+$/, '').toLowerCase();
}

/** Entity set names are plural logical names: accounts, admin_environments, contoso_categories. */
function singular(entitySet: string): string {
  const lower = entitySet.toLowerCase();
  if (lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (/(ses|xes|ches|shes)$/.test(lower)) return lower.slice(0, -2);
  if (lower.endsWith('s')) return lower.slice(0, -1);
  return lower;
}

function sharePoint(step: Step, table: Record<string, DataTarget['change']>): DataTarget | undefined {
  const change = changeOf(table, step.connector?.operationId?.toLowerCase());
  // The operation first: most SharePoint steps neither write nor watch, and their parameters are not read.
  if (!change) return undefined;
  const site = parameter(step, 'dataset');
  const list = parameter(step, 'table') ?? parameter(step, 'folderPath');
  if (!isFixed(site) || !isFixed(list)) return undefined;
  return { connector: 'sharepoint', key: `${fixedKey(site)}|${fixedKey(list)}`, change, label: `list '${list}' on ${site}` };
}

export function watchedBy(trigger: Step): DataTarget | undefined {
  const id = trigger.connector?.id;
  if (id === 'shared_sharepointonline') return sharePoint(trigger, SHAREPOINT_TRIGGERS);
  if (id === 'shared_commondataserviceforapps' && trigger.connector?.operationId?.toLowerCase() === 'subscribewebhooktrigger') {
    const table = parameter(trigger, 'subscriptionRequest/entityname');
    const change = changeOf(DATAVERSE_MESSAGES, parameter(trigger, 'subscriptionRequest/message'));
    if (!isLiteral(table) || !change) return undefined;
    return { connector: 'dataverse', key: table.toLowerCase(), change, label: `table '${table}'` };
  }
  return undefined;
}

export function writtenBy(action: Step): DataTarget | undefined {
  const id = action.connector?.id;
  if (id === 'shared_sharepointonline') return sharePoint(action, SHAREPOINT_WRITES);
  if (id === 'shared_commondataserviceforapps') {
    const change = changeOf(DATAVERSE_WRITES, action.connector?.operationId?.toLowerCase());
    if (!change) return undefined;
    const entitySet = parameter(action, 'entityName');
    if (!isLiteral(entitySet)) return undefined;
    return { connector: 'dataverse', key: singular(entitySet), change, label: `table '${entitySet}'` };
  }
  return undefined;
}

/** True when a write of kind `write` fires a trigger that watches for `watched`. */
export function fires(watched: DataTarget['change'], write: DataTarget['change']): boolean {
  if (watched === 'any') return true;
  if (watched === 'create-or-update') return write === 'create' || write === 'update' || write === 'create-or-update';
  return watched === write;
}

/** Trigger conditions, or Dataverse filtering attributes or filter expression, that can stop the loop. */
export function hasTriggerFilter(trigger: Step): boolean {
  if (items(prop(trigger.node, 'conditions')).length > 0) return true;
  const parameters = prop(trigger.inputs, 'parameters');
  for (const name of ['subscriptionRequest/filteringattributes', 'subscriptionRequest/filterexpression']) {
    const value = str(prop(parameters, name));
    if (value !== undefined && value.trim() !== '') return true;
  }
  return false;
}
