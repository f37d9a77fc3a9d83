// The unified format of `diff -u` and `git diff`, which `git apply` and `patch -p1` read: what
// --fix-dry-run prints. Lines are compared with their line break, so a file that gains or loses
// its final newline shows it ("\ No newline at end of file").

type Op = { type: ' ' | '-' | '+'; line: string };

/** Past this many differing lines the shortest edit script costs too much memory; the middle is shown replaced whole. */
const MAX_EDIT_DISTANCE = 2000;
const CONTEXT = 3;

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Myers' shortest edit script between a and b (both without their common ends), or undefined when too long. */
function editScript(a: readonly string[], b: readonly string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v before step d, for the diagonals -d-1 .. d+1, to walk the path back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], distance: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = distance; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number): number => before[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; y--) ops.push({ type: ' ', line: a[--x]! });
    if (x === prevX) ops.push({ type: '+', line: b[--y]! });
    else ops.push({ type: '-', line: a[--x]! });
  }
  for (; x > 0 && y > 0; y--) ops.push({ type: ' ', line: a[--x]! });
  return ops.reverse();
}

function lineOps(before: string, after: string): Op[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = editScript(midA, midB) ?? [...midA.map((line) => ({ type: '-' as const, line })), ...midB.map((line) => ({ type: '+' as const, line }))];
  const same = (lines: string[]): Op[] => lines.map((line) => ({ type: ' ', line }));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

function printLine(op: Op): string {
  return op.line.endsWith('\n') ? `${op.type}${op.line}` : `${op.type}${op.line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // An empty side names the line before it, as diff -u does.
  return `${count === 0 ? start : start + 1},${count}`;
}

/** The hunks of a change, each with CONTEXT unchanged lines around; '' when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  const ops = lineOps(before, after);
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let o = 0;
  let n = 0;
  for (const op of ops) {
    oldBefore.push(o);
    newBefore.push(n);
    if (op.type !== '+') o++;
    if (op.type !== '-') n++;
  }
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.type === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - CONTEXT);
    let last = i;
    let j = i;
    while (j < ops.length) {
      if (ops[j]!.type !== ' ') {
        last = j++;
        continue;
      }
      let run = j;
      while (run < ops.length && ops[run]!.type === ' ') run++;
      if (run === ops.length || run - j > 2 * CONTEXT) break;
      j = run;
    }
    const stop = Math.min(ops.length, last + 1 + CONTEXT);
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((op) => op.type !== '+').length;
    const newCount = hunk.filter((op) => op.type !== '-').length;
    hunks.push(`@@ -${range(oldBefore[start]!, oldCount)} +${range(newBefore[start]!, newCount)} @@\n${hunk.map(printLine).join('')}`);
    i = stop;
  }
  if (hunks.length === 0) return '';
  // Relative paths get git's a/ and b/ prefixes (git apply strips one component); absolute ones stay as they are.
  const [from, to] = file.startsWith('/') ? [file, file] : [`a/${file}`, `b/${file}`];
  return `--- ${from}\n+++ ${to}\n${hunks.join('')}`;
}
