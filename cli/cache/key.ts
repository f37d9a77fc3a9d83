import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Project } from '../../core/project/load';
import { allRules } from '../../rules';
import type { ProjectArgs } from '../options';
import { launchedBundleHash } from '../compile-cache';
import { version as cliVersion } from '../version';

/**
 * Bumped whenever what the cache stores changes shape (3: a head line with the file stats, then
 * the entries, places packed; 4: and the last report after them; 5: the report's key a GMAC,
 * report-mac.ts).
 */
export const CACHE_FORMAT = 5;

/** What, besides the linted files, decides the findings: the flags that change them. */
export interface KeyFlags extends Pick<ProjectArgs, 'rules' | 'environment'> {
  noSuppressions: boolean;
}

let codeHash: string | undefined;

/**
 * The running code itself: a bundle rebuilt from changed sources (a rule fixed before the version
 * moves) gives another key. For a launcher (cli/compile-cache.ts), the bundle's hash its build
 * took and the launcher file's size, modification time and inode, as its code cache is named
 * (hashing the 730 KB file was a millisecond of every run); else the file's hash, which outside a
 * bundle is this module's only.
 */
function codeIdentity(): string {
  if (codeHash === undefined) {
    try {
      const built = launchedBundleHash(module);
      if (built !== undefined) {
        const file = statSync(__filename, { bigint: true });
        codeHash = JSON.stringify([built, String(file.size), String(file.mtimeNs), String(file.ino)]);
      } else {
        codeHash = createHash('sha256').update(readFileSync(__filename)).digest('hex');
      }
    } catch {
      codeHash = 'unknown';
    }
  }
  return codeHash;
}

// Read synchronously: a few small files, and a promise each was idle time on a warm run.
function fileBytes(abs: string): Buffer | string {
  try {
    return readFileSync(abs);
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/**
 * The key of the whole cache: FlowGuard's version and code, its rules, the working folder (paths
 * in a report are relative to it), flowguard.json and every policy file byte for byte, and the
 * flags that change findings. Any change and no unit's results are reused. FLOWGUARD_CACHE_VERSION
 * stands in for the version, so that a test can show what a new version does.
 */
export async function cacheKey(project: Project, flags: KeyFlags, cwd: string): Promise<string> {
  const hash = createHash('sha256');
  const version = process.env.FLOWGUARD_CACHE_VERSION || cliVersion;
  hash.update(JSON.stringify(['flowguard-cache', CACHE_FORMAT, version, codeIdentity(), cwd]));
  hash.update(JSON.stringify(allRules.map((r) => r.meta)));
  hash.update(JSON.stringify(['config', project.config.file ?? null, project.config.root]));
  if (project.config.file) hash.update(fileBytes(project.config.file));
  for (const file of project.policyFiles) {
    hash.update(JSON.stringify(['policy', file]));
    hash.update(fileBytes(file));
  }
  hash.update(JSON.stringify(['flags', Object.entries(flags.rules).sort(), flags.environment ?? null, flags.noSuppressions]));
  return hash.digest('hex');
}
