/**
 * VS Code's reading of a task's output through a multi-line problem matcher, line by line, as
 * src/vs/workbench/contrib/tasks/common/problemMatcher.ts (MultiLineMatcher, AbstractLineMatcher)
 * and problemCollectors.ts (AbstractProblemCollector.tryFindMarker) do it in VS Code 1.100:
 * - the patterns are tried on the last N lines (N = the number of patterns), each on its line;
 * - a `loop` pattern then runs on each following line, every match giving one more problem with
 *   the first lines' data (the file), and the first line that does not give a problem ends it;
 * - a problem needs a file, a line and a message; captured text is trimmed; a group that
 *   captured nothing leaves its field unset.
 * Only what FlowGuard's matcher uses is modelled: no `kind`, `location` or end positions.
 */
export interface ProblemPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  code?: number;
  message?: number;
  loop?: boolean;
}

export interface MatchedProblem {
  file: string;
  line: number;
  column: number | undefined;
  severity: string | undefined;
  code: string | undefined;
  message: string;
}

type Field = 'file' | 'line' | 'column' | 'severity' | 'code' | 'message';
type Data = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['file', 'message', 'code', 'severity', 'line', 'column'];

function fill(data: Data, pattern: ProblemPattern, match: RegExpExecArray): void {
  for (const field of FIELDS) {
    const group = pattern[field];
    if (data[field] !== undefined || group === undefined || group >= match.length) continue;
    const value = match[group];
    if (value !== undefined) data[field] = value.trim();
  }
}

function problemOf(data: Data): MatchedProblem | undefined {
  if (!data.file || !data.line || !data.message) return undefined;
  return {
    file: data.file,
    line: Number.parseInt(data.line, 10),
    column: data.column ? Number.parseInt(data.column, 10) : undefined,
    severity: data.severity,
    code: data.code,
    message: data.message,
  };
}

/** The problems VS Code's task system finds in `output` with a matcher made of `patterns`. */
export function matchProblems(patterns: readonly ProblemPattern[], output: string): MatchedProblem[] {
  const compiled = patterns.map((p) => ({ pattern: p, regexp: new RegExp(p.regexp) }));
  const last = compiled[compiled.length - 1];
  const loops = last?.pattern.loop === true;
  const problems: MatchedProblem[] = [];
  let buffer: string[] = [];
  let looping: Data | undefined;

  const tryPatterns = (): MatchedProblem | undefined => {
    if (buffer.length < compiled.length) return undefined;
    const data: Data = {};
    for (const [i, { pattern, regexp }] of compiled.entries()) {
      const match = regexp.exec(buffer[i] ?? '');
      if (!match) return undefined;
      // The loop's own line must not leave its fields behind for the lines after it.
      if (i === compiled.length - 1 && loops) looping = { ...data };
      fill(data, pattern, match);
    }
    return problemOf(data);
  };

  for (const line of output.split(/\r?\n/)) {
    if (looping && last) {
      const match = last.regexp.exec(line);
      const data: Data = { ...looping };
      if (match) fill(data, last.pattern, match);
      const problem = match ? problemOf(data) : undefined;
      if (problem) {
        problems.push(problem);
        continue;
      }
      looping = undefined;
      buffer = [];
    }
    buffer.push(line);
    if (buffer.length > compiled.length) buffer.shift();
    const problem = tryPatterns();
    if (problem) {
      problems.push(problem);
      buffer = [];
    } else {
      looping = undefined;
    }
  }
  return problems;
}
