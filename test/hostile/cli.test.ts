import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FORMATS } from '../../cli/args';
import { CASES, type HostileCase } from './helpers/cases';
import { CASE_TIMEOUT_MS, createdFiles, listFiles, problems, runCli, type Run } from './helpers/run';

// Two at a time: the machine's two cores are shared, and a hang must not look like load.
const CONCURRENCY = 2;

async function inPairs<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENCY) results.push(...(await Promise.all(items.slice(i, i + CONCURRENCY).map(work))));
  return results;
}

function posixOnly(c: HostileCase): boolean {
  return c.posix === true && process.platform === 'win32';
}

describe('hostile input: the bundled CLI', function () {
  this.timeout(CASE_TIMEOUT_MS * 6);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'flowguard-hostile-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [index, c] of CASES.entries()) {
    const title = c.urlSecret ? `${c.name} [URL-borne secrets: masked by another part]` : c.name;
    it(title, async function () {
      if (posixOnly(c)) this.skip();
      const dir = path.join(root, String(index));
      const setup = c.write(dir);
      const untouched = (setup.untouchable ?? []).map((f) => [f, readFileSync(f, 'utf8')] as const);
      const before = listFiles(dir);
      const formats = c.oneFormat ? (['stylish'] as const) : FORMATS;
      const run = async (format: string): Promise<[string, Run]> => [format, await runCli([...setup.args, '--format', format], dir)];
      // The first format alone: when it hangs, the others would only hang as long again.
      const runs: [string, Run][] = [await run(formats[0])];
      if (!runs[0]![1].timedOut) runs.push(...(await inPairs(formats.slice(1), run)));
      const failures: string[] = [];
      for (const [format, run] of runs) {
        const text = `${run.stdout}\n${run.stderr}\n${createdFiles(before, listFiles(dir)).join('\n')}`;
        for (const p of problems(run, text, c.urlSecret === true)) failures.push(`${format} (${run.ms} ms): ${p}`);
      }
      for (const [file, text] of untouched) if (readFileSync(file, 'utf8') !== text) failures.push(`${path.relative(dir, file)}, outside the linted folder, was rewritten`);
      const [, first] = runs[0]!;
      if (c.mentions && !c.mentions.test(first.stdout + first.stderr)) failures.push(`the report does not say ${c.mentions}: ${(first.stdout + first.stderr).slice(0, 1500)}`);
      assert.deepEqual(failures, []);
    });
  }
});
