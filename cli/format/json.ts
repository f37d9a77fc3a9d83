import type { Finding, RelatedLocation, Unreadable } from '../../core/findings';
import type { LintResult } from '../../core/engine/result';
import { countBySeverity } from './counts';
import { oneBased } from './position';
import type { FormatOptions } from './types';

// This shape is a public contract that users' CI parses: keep every key, its order and
// null-for-absent exactly as they are. Notices are deliberately absent (the CLI writes
// them to stderr), and so are fixes and data, which are internal.

export interface JsonRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  flow: string | null;
  action: string | null;
  connector: string | null;
  related: JsonRelated[];
}

interface JsonReport {
  findings: JsonFinding[];
  unreadable: JsonRelated[];
  summary: { files: number; flows: number; errors: number; warnings: number; infos: number };
}

export function jsonRelated(location: RelatedLocation | Unreadable): JsonRelated {
  const { line, column } = oneBased(location.range);
  return { file: location.file, line, column, message: location.message };
}

/** One finding as the JSON report shows it; the review report uses the same shape. */
export function jsonFinding(f: Finding): JsonFinding {
  const { line, column, endLine, endColumn } = oneBased(f.range);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line,
    column,
    endLine,
    endColumn,
    flow: f.flow ?? null,
    action: f.action ?? null,
    connector: f.connector ?? null,
    related: (f.related ?? []).map(jsonRelated),
  };
}

export function formatJson(result: LintResult, _options: FormatOptions): string {
  const counts = countBySeverity(result.findings);
  const report: JsonReport = {
    findings: result.findings.map(jsonFinding),
    unreadable: result.unreadable.map(jsonRelated),
    summary: { files: result.files, flows: result.flows, ...counts },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
