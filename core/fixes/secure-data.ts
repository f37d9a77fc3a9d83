import { at } from '../artifacts/json';
import type { JsonDocument } from '../artifacts/json';
import type { Fix } from '../findings';
import type { Step } from '../model/types';
import { addArrayItem, setProperty } from './json-edits';

/**
 * Turns on Secure inputs or Secure outputs: adds the property to the step's
 * runtimeConfiguration.secureData.properties, creating what is missing. Safe: it changes only
 * what run history shows.
 */
export function secureDataFixes(doc: JsonDocument, step: Step, property: 'inputs' | 'outputs'): Fix[] {
  const list = at(step.node, 'runtimeConfiguration', 'secureData', 'properties');
  const edits = list?.type === 'array' ? addArrayItem(doc, list, property) : setProperty(doc, ['runtimeConfiguration', 'secureData', 'properties'], [property], step.node);
  return edits.length > 0 ? [{ title: `Turn on secure ${property} for '${step.name}'`, safe: true, edits }] : [];
}
