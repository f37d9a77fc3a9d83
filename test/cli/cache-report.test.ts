import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { same, scratchUserCache, traced } from '../helpers/cache-file';
import { cli, type CliRun } from '../helpers/cli';
import { ROOT } from '../helpers/fixtures';
import { unitsWorkspace } from '../helpers/units-workspace';

// An unchanged --cache rerun prints the report the last run kept in the cache (cli/cache/report-head.ts):
// what a user sees must be what a run without --cache prints, byte for byte, notes and exit code too.

const CACHE = '.flowguardcache';
const POLICY = path.join('samples', 'policies', 'contoso-tenant-policy.json');
const FLOW = path.join('samples', 'ContosoExpenses', 'src', 'Workflows', 'BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json');
const KEPT = /cache: all \d+ units reused, and the report kept with them/;
const REUSED = /cache: all \d+ units reused$/m;

interface Parts {
  head: Record<string, unknown> & { report?: { length: number; sha1: string } };
  /** The body and third line, as they are. */
  entries: string;
  /** The kept report, after the third line's newline (its own lines and all). */
  report: string;
}

/** The cache file as its head, its entries and the report it keeps (cli/cache/store.ts). */
function parts(file: string): Parts {
  const text = readFileSync(file, 'utf8');
  const first = text.indexOf('\n');
  const third = text.indexOf('\n', text.indexOf('\n', first + 1) + 1);
  return { head: JSON.parse(text.slice(0, first)) as Parts['head'], entries: text.slice(first + 1, third), report: text.slice(third + 1) };
}

function write(file: string, { head, entries, report }: Parts): void {
  writeFileSync(file, `${JSON.stringify(head)}\n${entries}\n${report}`);
}

describe('cli: --cache keeps the last report', function () {
  this.timeout(180_000);
  const anotherUser = scratchUserCache();
  const dirs: string[] = [];
  const workspace = (): string => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-cache-report-')));
    dirs.push(dir);
    unitsWorkspace(dir, 8);
    return dir;
  };
  /** A workspace linted once with --cache in `format`: the plain run's output, and the cache file it kept. */
  async function cachedOnce(format: string): Promise<{ dir: string; args: string[]; plain: CliRun; file: string }> {
    const dir = workspace();
    const args = [...ARGS, '--format', format];
    const plain = await cli(args, dir);
    await cli([...args, '--cache'], dir);
    return { dir, args, plain, file: path.join(dir, CACHE) };
  }

  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const ARGS = ['.', '--policy', POLICY];

  for (const flags of [['--format', 'json'], ['--format', 'sarif'], ['--format', 'compact', '--quiet'], ['--format', 'stylish']]) {
    it(`${flags.join(' ')}: an unchanged rerun prints the kept report, notes and exit code as a plain run does`, async () => {
      const dir = workspace();
      const args = [...ARGS, ...flags];
      const plain = await cli(args, dir);
      same(await cli([...args, '--cache'], dir), plain, 'cold');
      const warm = await traced([...args, '--cache'], dir);
      same(warm, plain, 'warm');
      assert.match(warm.trace, KEPT);
    });
  }

  it('--max-warnings: the note after the report and the exit code are kept too', async () => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-cache-report-')));
    dirs.push(dir);
    // Generated flows with no policy: warnings only, so the limit is what fails the run.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'generate-workspace.mjs'), dir, '12', '6', '6']);
    const args = ['.', '--max-warnings', '3'];
    const plain = await cli(args, dir);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /flowguard: too many warnings \(12, maximum 3\)\n$/);
    same(await cli([...args, '--cache'], dir), plain, 'cold');
    const warm = await traced([...args, '--cache'], dir);
    same(warm, plain, 'warm');
    assert.match(warm.trace, KEPT);
  });

  it('other settings decode the entries and keep their own report; the next rerun prints it', async () => {
    const dir = workspace();
    await cli([...ARGS, '--format', 'json', '--cache'], dir);
    for (const flags of [['--format', 'stylish'], ['--format', 'stylish', '--color'], ['--format', 'json', '--quiet']]) {
      const args = [...ARGS, ...flags];
      const plain = await cli(args, dir);
      const first = await traced([...args, '--cache'], dir);
      same(first, plain, `${flags.join(' ')}, first`);
      assert.match(first.trace, REUSED, `${flags.join(' ')}: the entries give the report`);
      const again = await traced([...args, '--cache'], dir);
      same(again, plain, `${flags.join(' ')}, again`);
      assert.match(again.trace, KEPT);
    }
  });

  it('a changed flow, or a new --baseline, is linted or compared again: never the kept report', async () => {
    const dir = workspace();
    const args = [...ARGS, '--format', 'json'];
    await cli([...args, '--cache'], dir);
    const flow = path.join(dir, FLOW);
    writeFileSync(flow, readFileSync(flow, 'utf8').replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
    const changed = await traced([...args, '--cache'], dir);
    same(changed, await cli(args, dir), 'a flow changed');
    assert.doesNotMatch(changed.trace, KEPT);

    const baseline = path.join(dir, 'baseline.json');
    assert.equal((await cli(['baseline', 'samples', '--policy', POLICY, '--output', baseline], dir)).code, 0);
    const withBaseline = [...args, '--baseline', baseline];
    same(await cli([...withBaseline, '--cache'], dir), await cli(withBaseline, dir), 'with the baseline');
    same(await cli([...withBaseline, '--cache'], dir), await cli(withBaseline, dir), 'with the baseline, again');
    // Fewer findings recorded: more are new.
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: unknown[] };
    recorded.findings.splice(0, 3);
    writeFileSync(baseline, JSON.stringify(recorded));
    const edited = await traced([...withBaseline, '--cache'], dir);
    same(edited, await cli(withBaseline, dir), 'the baseline edited');
    assert.doesNotMatch(edited.trace, KEPT);
  });

  it('a kept report damaged in place is not printed; the entries give the report and a good one is kept', async () => {
    const { dir, args, plain, file } = await cachedOnce('json');
    const kept = parts(file);
    assert.ok(kept.head.report, 'the cold run kept its report');
    write(file, { ...kept, report: kept.report.replace('"ruleId"', '"ruleID"') });
    const damaged = await traced([...args, '--cache'], dir);
    same(damaged, plain, 'damaged');
    assert.match(damaged.trace, REUSED);
    const again = await traced([...args, '--cache'], dir);
    same(again, plain, 'kept again');
    assert.match(again.trace, KEPT);
  });

  it('an unchanged rerun prints the kept report without reading the entries; a run that needs them notes their damage', async () => {
    const { dir, args, plain, file } = await cachedOnce('json');
    const kept = parts(file);
    // The third line damaged, its length the same: only a run that decodes the entries reads it.
    const at = kept.entries.lastIndexOf('"file":');
    write(file, { ...kept, entries: `${kept.entries.slice(0, at)}"fild":${kept.entries.slice(at + 7)}` });
    const unchanged = await traced([...args, '--cache'], dir);
    same(unchanged, plain, 'unchanged');
    assert.match(unchanged.trace, KEPT);
    const compact = await traced([...ARGS, '--format', 'compact', '--cache'], dir);
    assert.match(compact.stderr, /flowguard: note: ignored the cache \.flowguardcache: its content is not what FlowGuard writes \(its third line is damaged\)/);
    const plainCompact = await cli([...ARGS, '--format', 'compact'], dir);
    assert.equal(compact.stdout, plainCompact.stdout);
    assert.equal(compact.code, plainCompact.code);
  });

  it('a report edited in the cache file (a terminal escape slipped in, its length made to match) is never printed', async () => {
    const { dir, args, plain, file } = await cachedOnce('compact');
    // A cache committed by mistake and changed by someone else: the key is still the user's own, for another report.
    const kept = parts(file);
    const forged = `\u001b]0;owned\u0007${kept.report}`;
    write(file, { ...kept, head: { ...kept.head, report: { ...kept.head.report!, length: Buffer.byteLength(forged) } }, report: forged });
    const run = await traced([...args, '--cache'], dir);
    same(run, plain, 'edited');
    assert.match(run.trace, REUSED);
    assert.ok(!run.stdout.includes('\u001b'), 'no escape sequence reaches the terminal');
  });

  it("a cache kept by another user, or on another machine, never prints its report", async () => {
    const { dir, args, plain } = await cachedOnce('json');
    anotherUser();
    const run = await traced([...args, '--cache'], dir);
    same(run, plain, 'another user');
    assert.match(run.trace, REUSED);
    const again = await traced([...args, '--cache'], dir);
    same(again, plain, 'kept again for this user');
    assert.match(again.trace, KEPT);
  });

  it('a rerun that reads a touched file again keeps its new stat and still prints the kept report', async () => {
    const { dir, args, plain } = await cachedOnce('json');
    const flow = path.join(dir, FLOW);
    writeFileSync(flow, readFileSync(flow));
    same(await traced([...args, '--cache'], dir), plain, 'touched');
    const file = path.join(dir, CACHE);
    assert.ok(parts(file).head.report, 'the report is still kept');
    const again = await traced([...args, '--cache'], dir);
    same(again, plain, 'again');
    assert.match(again.trace, KEPT);
  });
});
