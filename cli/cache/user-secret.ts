import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { readOwnedFile, userCacheFolder, writeAtomically } from '../compile-cache';

// A cache file is data anyone may have written: a repository can carry one, a CI cache can be
// restored from another branch. Its entries are checked field by field and every text in them is
// escaped as the report is rendered; a kept report (report-head.ts) is printed as it is. So a
// report is only ever printed again on the machine, and for the user, that kept it: its key is a
// MAC (report-mac.ts) under a secret of 32 random bytes in the user's own cache folder (0700, the file 0600 and
// owned by the user, as the code cache's: cli/compile-cache.ts). A cache file from anywhere else
// never matches, and its entries give the report, escaped as ever.

const SECRET_FILE = 'report-secret';
const SECRET_BYTES = 32;

let secret: Buffer | null | undefined;

/** This user's secret, made the first time; undefined when there is no folder of the user's own to keep it in (no kept reports then). */
export function userSecret(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  if (secret !== undefined) return secret ?? undefined;
  secret = null;
  const dir = userCacheFolder(env);
  if (!dir) return undefined;
  const file = path.join(dir, SECRET_FILE);
  let found = readOwnedFile(file);
  if (!found || found.length !== SECRET_BYTES) {
    writeAtomically(dir, file, randomBytes(SECRET_BYTES));
    found = readOwnedFile(file);
  }
  if (found?.length === SECRET_BYTES) secret = found;
  return secret ?? undefined;
}

/** For tests: forget the secret read, so that the next call reads it again (from another folder). */
export function forgetUserSecret(): void {
  secret = undefined;
}
