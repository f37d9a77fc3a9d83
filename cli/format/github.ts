import type { Finding, Severity, Unreadable } from '../../core/findings';
import type { LintResult } from '../../core/engine/result';
import { splitArchivePath } from './archive-path';
import { visibleControls } from './control-text';
import { countBySeverity } from './counts';
import { oneBased } from './position';
import type { FormatOptions } from './types';

// GitHub Actions workflow commands: one `::error file=...,line=...::message` line per finding,
// which the runner turns into annotations on the pull request's files. The runner reads a
// command from any line of the log, so every value from the linted files is escaped: a flow
// name holding a newline must not be able to start a command of its own.

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice' };

/** The message part: '%', CR and LF are the characters the runner decodes; other controls are shown, not sent to the log. */
export function escapeData(text: string): string {
  return visibleControls(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also ':' and ',', which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

interface Annotation {
  command: Command;
  file: string;
  line: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title: string;
  message: string;
}

function command(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['endLine', a.endLine],
    ['col', a.col],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.command} ${list.join(',')}::${escapeData(a.message)}`;
}

/** Enough of a data path to follow it in the annotation; the SARIF report has all of it. */
const MAX_RELATED = 6;

function relatedText(finding: Finding): string {
  const related = finding.related ?? [];
  const lines = related.slice(0, MAX_RELATED).map((r) => {
    const { line, column } = oneBased(r.range);
    return `↳ ${r.file}:${line}:${column}  ${r.message}`;
  });
  if (related.length > MAX_RELATED) lines.push(`… and ${related.length - MAX_RELATED} more`);
  return lines.map((l) => `\n${l}`).join('');
}

/**
 * Where the annotation goes. GitHub can only annotate files in the repository, so a finding in
 * a zip entry goes on the zip's first line and the entry and position go into the message, as
 * in SARIF. Columns are only given for a one-line range: the runner drops them otherwise.
 */
function place(file: string, range: Finding['range'], title: string, message: string, kind: Command): Annotation {
  const [outer = file, ...entries] = splitArchivePath(file);
  const { line, column, endLine, endColumn } = oneBased(range);
  if (entries.length > 0) {
    return { command: kind, file: outer, line: 1, title, message: `${message} (in ${entries.join('!')} at line ${line}, column ${column})` };
  }
  const oneLine = line === endLine;
  return { command: kind, file, line, endLine, col: oneLine ? column : undefined, endColumn: oneLine ? endColumn : undefined, title, message };
}

function findingCommand(f: Finding): string {
  const a = place(f.file, f.range, f.ruleId, f.message, COMMAND[f.severity]);
  return command({ ...a, message: a.message + relatedText(f) });
}

function unreadableCommand(u: Unreadable): string {
  return command(place(u.file, u.range, 'FlowGuard: unreadable file', u.message, 'error'));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Workflow commands, then one plain summary line for the log. */
export function formatGithub(result: LintResult, _options: FormatOptions): string {
  const lines = [...result.unreadable.map(unreadableCommand), ...result.findings.map(findingCommand)];
  const counts = countBySeverity(result.findings);
  const unreadable = result.unreadable.length > 0 ? `, ${plural(result.unreadable.length, 'file')} unreadable` : '';
  lines.push(
    `FlowGuard: ${plural(result.findings.length, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ` +
      `${plural(counts.infos, 'info')}) in ${plural(result.files, 'file')}, ${plural(result.flows, 'flow')}${unreadable}.`,
  );
  return `${lines.join('\n')}\n`;
}
