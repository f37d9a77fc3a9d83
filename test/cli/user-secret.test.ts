import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { forgetUserSecret, userSecret } from '../../cli/cache/user-secret';

// The secret that keys kept reports (cli/cache/user-secret.ts): made once, private, and never
// taken from a file that is not the user's own regular file of the right size.

describe('cli: the user secret of kept reports', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-secret-'));
    forgetUserSecret();
  });
  afterEach(() => {
    forgetUserSecret();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({ XDG_CACHE_HOME: dir });
  const file = (): string => path.join(dir, 'flowguard', 'report-secret');

  it('is made once, 32 random bytes in a private file, and read again by the next run', () => {
    const made = userSecret(env());
    assert.equal(made?.length, 32);
    assert.deepEqual(readFileSync(file()), made);
    if (process.platform !== 'win32') {
      assert.equal(statSync(file()).mode & 0o777, 0o600);
      assert.equal(statSync(path.dirname(file())).mode & 0o777, 0o700);
    }
    forgetUserSecret();
    assert.deepEqual(userSecret(env()), made, 'the next run reads the same secret');
  });

  it('a file of another size is replaced', () => {
    userSecret(env());
    writeFileSync(file(), 'short');
    forgetUserSecret();
    assert.equal(userSecret(env())?.length, 32);
    assert.equal(readFileSync(file()).length, 32);
  });

  it('a symbolic link in its place is never read: no secret, so no report is kept', function () {
    userSecret(env());
    const elsewhere = path.join(dir, 'elsewhere');
    writeFileSync(elsewhere, Buffer.alloc(32, 7));
    rmSync(file());
    try {
      symlinkSync(elsewhere, file());
    } catch {
      this.skip();
    }
    forgetUserSecret();
    const secret = userSecret(env());
    assert.ok(secret === undefined || !secret.equals(Buffer.alloc(32, 7)), 'the linked file is not the secret');
  });

  it('with no cache folder to keep it in (a relative XDG_CACHE_HOME and no home), there is none', () => {
    forgetUserSecret();
    const saved = process.env.HOME;
    try {
      process.env.HOME = 'relative-home';
      assert.equal(userSecret({ XDG_CACHE_HOME: 'relative' }), undefined);
    } finally {
      if (saved === undefined) delete process.env.HOME;
      else process.env.HOME = saved;
    }
  });
});
