import { prop, type JsonDocument } from '../artifacts/json';
import type { TextEdit } from '../findings';
import type { Step } from '../model/types';
import { addArrayItem, insertProperty, replaceSpan } from './json-edits';

/** What a new suppression says until someone writes why: visible in review, and easy to search for. */
export const TODO_REASON = 'TODO: why this is acceptable';

/** An `exceptions` entry of flowguard.json. */
export interface ExceptionEntry {
  rule: string;
  flow?: string;
  action?: string;
  reason: string;
}

function entryObject(entry: ExceptionEntry): Record<string, string> {
  const out: Record<string, string> = { rule: entry.rule };
  if (entry.flow !== undefined) out.flow = entry.flow;
  if (entry.action !== undefined) out.action = entry.action;
  out.reason = entry.reason;
  return out;
}

/** Adds an entry to flowguard.json's `exceptions`, creating the list when there is none; [] when the file has no room for one. */
export function exceptionEdits(config: JsonDocument, entry: ExceptionEntry): TextEdit[] {
  if (config.root.type !== 'object') return [];
  const list = prop(config.root, 'exceptions');
  if (!list) return insertProperty(config, config.root, 'exceptions', [entryObject(entry)]);
  return list.type === 'array' ? addArrayItem(config, list, entryObject(entry)) : [];
}

/** The text of a new flowguard.json holding one exception. */
export function newConfigText(entry: ExceptionEntry): string {
  return `${JSON.stringify({ exceptions: [entryObject(entry)] }, null, 2)}\n`;
}

/**
 * Writes `flowguard-disable <rule> -- <reason>` into the step's note (its description), after what
 * the note already says; the designer keeps notes, so the suppression survives a round trip.
 */
export function noteEdits(doc: JsonDocument, step: Step, ruleId: string, reason = TODO_REASON): TextEdit[] {
  const directive = `flowguard-disable ${ruleId} -- ${reason}`;
  const note = prop(step.node, 'description');
  if (!note) return insertProperty(doc, step.node, 'description', directive);
  if (note.type !== 'string') return [];
  const closingQuote = note.offset + note.length - 1;
  const text = (note.value as string).trim() === '' ? directive : ` ${directive}`;
  return [replaceSpan(doc, { offset: closingQuote, length: 0 }, JSON.stringify(text).slice(1, -1))];
}
