import type { Severity } from '../../core/findings';
import type { LintResult } from '../../core/engine/result';
import { countBySeverity } from './counts';
import { oneBased } from './position';
import { terminalText } from './terminal-text';
import type { FormatOptions } from './types';

// One line per finding, every line whole on its own:
//   samples/Sol/Workflows/A.json: line 90, col 9, error - Action 'X' uses Dropbox ... (dlp/blocked-connector)
// for tools that read a report line by line, above all VS Code tasks through the
// $flowguard-compact problem matcher (package.json). Stylish's related-location lines ('↳') end a
// multi-line matcher's loop: VS Code stops a loop at the first line that gives no problem
// (AbstractProblemCollector.tryFindMarker in src/vs/workbench/contrib/tasks/common/problemCollectors.ts),
// so the findings after them in the same file were lost. Related locations are left out here; the
// json and sarif reports carry them. Unreadable files are errors without a rule.

interface Line {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  ruleId?: string;
}

function byPlace(a: Line, b: Line): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

export function formatCompact(result: LintResult, _options: FormatOptions): string {
  const lines: Line[] = [];
  for (const u of result.unreadable) {
    const { line, column } = oneBased(u.range);
    lines.push({ file: u.file, line, column, severity: 'error', message: u.message });
  }
  for (const f of result.findings) {
    const { line, column } = oneBased(f.range);
    lines.push({ file: f.file, line, column, severity: f.severity, message: f.message, ruleId: f.ruleId });
  }
  // Stable: findings at one place keep the engine's order.
  lines.sort(byPlace);
  const out = lines.map((l) => {
    const rule = l.ruleId ? ` (${terminalText(l.ruleId)})` : '';
    return `${terminalText(l.file)}: line ${l.line}, col ${l.column}, ${l.severity} - ${terminalText(l.message)}${rule}`;
  });
  const counts = countBySeverity(result.findings);
  const unreadable = result.unreadable.length ? `, ${result.unreadable.length} file${result.unreadable.length === 1 ? '' : 's'} unreadable` : '';
  const problems = result.findings.length;
  out.push(`${problems} problem${problems === 1 ? '' : 's'} (${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}, ${counts.infos} info${counts.infos === 1 ? '' : 's'})${unreadable}`);
  return `${out.join('\n')}\n`;
}
