import type { Step } from '../model/types';

/**
 * Built-in action types, beside the Data Operations in ./dataflow, whose outputs are computed
 * from their inputs inside the engine: data that goes in comes out, reshaped.
 * - 'expression': the Date Time, Text Functions and Number Functions actions ("Convert time
 *   zone", "Add to time", "Substring", "Find text position", "Format number"), exported as
 *   `"type": "Expression"` with a `kind` (ConvertTimeZone, AddToTime, Substring, ...). Their
 *   result is their `baseTime`, `text` or `number` input, converted.
 */
export const TRANSFORMING_BUILTINS: readonly string[] = ['expression'];

/**
 * Connector operations that only transform what they are given: their outputs are their
 * inputs in another form, so data read into them comes out again and must be followed.
 * Lower-case connector id to lower-case operation ids. The one place to add to.
 *
 * Only Microsoft's own stateless services belong here: a third-party converter (Encodian,
 * Plumsail, Cloudmersive) also sends the data to that company, and a connector that reads or
 * writes a store (OneDrive "Convert file", Word "Populate a template") returns more than its
 * inputs.
 */
const TRANSFORMING_OPERATIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  // Content Conversion, "Html to text" (HtmlToText): returns the text of the HTML `Content` it
  // is given; the connector has no other operation and keeps nothing
  // (https://learn.microsoft.com/connectors/conversionservice/). Flows use it to strip mail
  // and rich-text bodies before passing them on. Path-based (ApiConnection) exports name the
  // operation by its path, POST /html2text.
  ['shared_conversionservice', new Set(['htmltotext', '/html2text'])],
]);

/** Whether `step` is a connector action that passes its inputs on to its outputs, transformed. */
export function transformsData(step: Step): boolean {
  const connector = step.connector;
  if (step.kind !== 'action' || !connector?.operationId) return false;
  return TRANSFORMING_OPERATIONS.get(connector.id)?.has(connector.operationId.toLowerCase()) ?? false;
}
