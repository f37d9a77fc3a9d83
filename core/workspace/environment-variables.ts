import { at, str } from '../artifacts/json';
import type { FileTree } from '../artifacts/tree';
import { attr, child, childText, type XmlElement } from '../artifacts/xml';
import type { EnvironmentVariable, EnvironmentVariableType } from '../model/types';
import type { Workspace } from './collector';
import { readJson, readXml } from './read';

const TYPES: Record<string, EnvironmentVariableType> = {
  '100000000': 'String',
  '100000001': 'Number',
  '100000002': 'Boolean',
  '100000003': 'JSON',
  '100000004': 'DataSource',
  '100000005': 'Secret',
};

/** A localised label: the `default` attribute, else the first <label description>. */
function label(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const fallback = attr(child(el, 'label'), 'description');
  return attr(el, 'default') ?? fallback;
}

/** Reads environmentvariabledefinitions/<schema>/ definition XML and the values JSON beside it. */
export async function readEnvironmentVariables(tree: FileTree, root: string, ws: Workspace): Promise<EnvironmentVariable[]> {
  const prefix = `${root}environmentvariabledefinitions/`.toLowerCase();
  // `root` is a path of the tree as stored: only its files are lower-cased (a workspace tree holds every solution's).
  const definitions = tree.list().filter((rel) => {
    if (!rel.startsWith(root)) return false;
    const lower = rel.toLowerCase();
    return lower.startsWith(prefix) && lower.endsWith('/environmentvariabledefinition.xml');
  });
  const variables: EnvironmentVariable[] = [];
  for (const rel of definitions) {
    const xml = await readXml(tree, rel, ws);
    if (!xml) continue;
    const el = xml.root;
    const schemaName = attr(el, 'schemaname') ?? rel.split('/').slice(-2, -1)[0] ?? '';
    const typeCode = childText(el, 'type');
    const defaultEl = child(el, 'defaultvalue');
    const variable: EnvironmentVariable = {
      schemaName,
      displayName: label(child(el, 'displayname')),
      description: label(child(el, 'description')),
      type: (typeCode && TYPES[typeCode.trim()]) || 'Unknown',
      typeCode,
      secretStore: childText(el, 'secretstore'),
      defaultValue: defaultEl?.text,
      definitionAt: { source: xml.source, span: el.span },
      defaultValueAt: defaultEl ? { source: xml.source, span: defaultEl.textSpan ?? defaultEl.span } : undefined,
    };
    const valuesRel = rel.replace(/environmentvariabledefinition\.xml$/i, 'environmentvariablevalues.json');
    const actualValuesRel = tree.findIgnoreCase(valuesRel);
    if (actualValuesRel) {
      const values = await readJson(tree, actualValuesRel, ws);
      const valueNode = at(values?.root, 'environmentvariablevalues', 'environmentvariablevalue', 'value');
      if (values && valueNode) {
        variable.value = str(valueNode) ?? String(valueNode.value);
        variable.valueAt = { source: values.source, span: { offset: valueNode.offset, length: valueNode.length } };
      }
    }
    variables.push(variable);
  }
  return variables;
}
