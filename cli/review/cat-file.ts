import { spawn } from 'node:child_process';
import { GIT_ENV, GitFailed, gitMissing } from './git';

// `git cat-file --batch` answers each object id on its input with a header line
// '<oid> blob <size>' and then exactly <size> bytes and a newline; a missing object gets
// '<oid> missing'. One process serves the whole base revision.

/**
 * Reads blobs through one `git cat-file --batch`, calling `onBlob` with each in the order asked
 * for, so a large base revision is streamed to disk rather than held in memory.
 */
export function readBlobs(root: string, oids: string[], onBlob: (index: number, content: Buffer) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    // Chunks are kept apart until a whole blob has arrived, then joined once: joining on every
    // chunk would copy a large zip over and over.
    let chunks: Buffer[] = [];
    let length = 0;
    let index = 0;
    let expected: number | undefined;
    let writing: Promise<void> = Promise.resolve();
    let stderr = '';
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(error);
    };
    const take = (count: number): Buffer => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      const rest = all.subarray(count);
      chunks = rest.length > 0 ? [rest] : [];
      length = rest.length;
      return all.subarray(0, count);
    };
    child.on('error', (error) => fail((error as NodeJS.ErrnoException).code === 'ENOENT' ? gitMissing() : error));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      while (!failed) {
        if (expected === undefined) {
          const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
          chunks = [joined];
          const newline = joined.indexOf(10);
          if (newline < 0) return;
          const header = take(newline + 1).toString('utf8').trim().split(' ');
          if (header[1] !== 'blob') return fail(new GitFailed(undefined, stderr, `git cat-file could not read ${header[0] ?? 'an object'}: ${header.slice(1).join(' ')}`));
          expected = Number(header[2]);
        }
        if (length < expected + 1) return;
        const content = Buffer.from(take(expected + 1).subarray(0, expected));
        expected = undefined;
        const at = index++;
        writing = writing.then(() => onBlob(at, content));
        writing.catch(fail);
      }
    });
    child.on('close', (code) => {
      if (failed) return;
      if (code !== 0) return fail(new GitFailed(code ?? undefined, stderr, `git cat-file failed: ${stderr.trim()}`));
      if (index !== oids.length) return fail(new GitFailed(undefined, stderr, `git cat-file returned ${index} of ${oids.length} files.`));
      writing.then(() => resolve(), fail);
    });
    child.stdin.on('error', (error) => fail(error));
    child.stdin.end(oids.length > 0 ? `${oids.join('\n')}\n` : '');
  });
}
