/**
 * Whether `text` matches `pattern` as a whole, case-insensitively, where `*` stands for any run of
 * characters (slashes included) and nothing else is special: the matching the platform documents
 * for endpoint rules (`*.database.windows.net*`, `https://management.azure.com/subscriptions*`).
 * Written as the two-pointer walk rather than a RegExp so that no pattern from a policy file can
 * make it backtrack exponentially.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      resumeAt = ti;
    } else if (pi < p.length && p[pi] === t[ti]) {
      pi++;
      ti++;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ti = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
