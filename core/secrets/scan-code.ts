import { credentialName } from './credential-name';
import { findSecrets } from './detect';
import type { SecretMatch } from './kinds';

/**
 * String literals of C# custom code (a custom connector's script) and the name each is given:
 * `string ApiKey = "..."`, `ApiKey: "..."`, or `Headers.Add("X-Api-Key", "...")`. One pass of
 * a regular expression with no nested repetition, so hostile code cannot make it backtrack.
 */
const NAMED_LITERAL = /(?:\b([A-Za-z_][\w]*)\s*[=:]\s*@?|\.Add\(\s*"([^"\\\n]{1,200})"\s*,\s*@?)"((?:[^"\\\n]|\\.){0,4096})"/g;

/** Secrets in custom code: known token shapes anywhere, and credential-named literals. */
export function findSecretsInCode(code: string): SecretMatch[] {
  const found = findSecrets(code, {});
  for (const m of code.matchAll(NAMED_LITERAL)) {
    const name = credentialName(m[1] ?? m[2] ?? '');
    const value = m[3] ?? '';
    if (!name || value.length === 0) continue;
    const start = (m.index ?? 0) + m[0].length - value.length - 1;
    for (const match of findSecrets(value, { name })) {
      const shifted = { ...match, start: start + match.start, end: start + match.end };
      if (!found.some((f) => shifted.start < f.end && f.start < shifted.end)) found.push(shifted);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
