import * as assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lastHashing } from '../../cli/cache/session';
import { readCacheFile, same, scratchUserCache, traced, writeCacheFile, type FileRecord } from '../helpers/cache-file';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, corpusAvailable } from '../helpers/corpus';
import { FIXTURES as ROOT_FIXTURES } from '../helpers/fixtures';
import { CHILD_FILE, ITEMS, PARENT_FILE, splitChildFlows, unitsWorkspace } from '../helpers/units-workspace';

const CACHE = '.flowguardcache';
const POLICY = path.join('samples', 'policies', 'contoso-tenant-policy.json');
const FLOW = path.join('samples', 'ContosoExpenses', 'src', 'Workflows', 'BackupreceiptstoDropbox-9C403F6D-9B2D-EE11-9CBE-0022480A1F31.json');

/**
 * Sets when the last run read each file it hashed, as the cache records it: `readAt` gives it for
 * a record, or undefined to leave it. What a test cannot wait for: files read long after they
 * last changed (their digests then come from their stat), or just after.
 */
function setReadTimes(cacheFile: string, readAt: (record: FileRecord) => number | undefined): void {
  const cache = readCacheFile(cacheFile);
  for (const record of cache.head.stats) record[7] = readAt(record) ?? record[7];
  writeCacheFile(cacheFile, cache);
}

const LONG_AFTER = (): number => Date.now() + 3_600_000;

/**
 * Marks the first cached finding in `file` (every one when undefined): a report that shows the
 * mark was served from the cache, one without it was linted again.
 */
function mark(cacheFile: string, file?: string): string {
  const cache = readCacheFile(cacheFile);
  let marked: string | undefined;
  for (const unit of cache.body.units) {
    for (const flow of unit.outcome.flows) {
      for (const finding of flow.result.findings) {
        if (marked !== undefined || (file !== undefined && cache.body.files[finding.file] !== file)) continue;
        // A text of its own: findings that say the same share theirs.
        marked = `MARKED ${cache.body.texts[finding.message]!}`;
        finding.message = cache.body.texts.push(marked) - 1;
      }
    }
  }
  assert.ok(marked, `no cached finding in ${file}`);
  writeCacheFile(cacheFile, cache);
  return marked;
}

function edit(file: string, change: (text: string) => string): void {
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  assert.notEqual(changed, text, `${file} did not change`);
  writeFileSync(file, changed);
}

describe('cli: --cache', function () {
  this.timeout(180_000);
  scratchUserCache();
  const dirs: string[] = [];
  /** An empty folder of the test's own, removed after the tests. */
  const scratch = (): string => {
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-cache-')));
    dirs.push(dir);
    return dir;
  };
  const workspace = (flows = 8): string => {
    const dir = scratch();
    unitsWorkspace(dir, flows);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const ARGS = ['.', '--format', 'json', '--policy', POLICY];

  it('a cold run and a warm one report byte for byte what a run without --cache does; the warm one reuses every unit', async () => {
    const dir = workspace();
    const plain = await cli(ARGS, dir);
    const cold = await traced([...ARGS, '--cache'], dir);
    same(cold, plain, 'cold');
    assert.match(cold.trace, /cache: 0 units reused/);
    assert.ok(lstatSync(path.join(dir, CACHE)).isFile(), 'the cache is written in the working folder');
    const warm = await traced([...ARGS, '--cache'], dir);
    same(warm, plain, 'warm');
    assert.match(warm.trace, /cache: all \d+ units reused/);
    // And what a warm run reports is what the cache holds.
    const marked = mark(path.join(dir, CACHE));
    assert.ok((await cli([...ARGS, '--cache'], dir)).stdout.includes(JSON.stringify(marked)));
  });

  it('with --threads 2 too, cold and warm', async () => {
    const dir = workspace();
    const plain = await cli(ARGS, dir);
    same(await cli([...ARGS, '--cache', '--threads', '2'], dir), plain, 'cold on two threads');
    same(await cli([...ARGS, '--cache', '--threads', '2'], dir), plain, 'warm on two threads');
    same(await cli([...ARGS, '--cache'], dir), plain, 'warm on one thread');
  });

  it("a flow's new content is linted again, and only its unit", async () => {
    const dir = workspace();
    await cli([...ARGS, '--cache'], dir);
    const flow = FLOW;
    const changed = mark(path.join(dir, CACHE), flow.split(path.sep).join('/'));
    const kept = mark(path.join(dir, CACHE), 'children/Workflows/' + CHILD_FILE);
    edit(path.join(dir, flow), (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
    const run = await cli([...ARGS, '--cache'], dir);
    assert.ok(!run.stdout.includes(JSON.stringify(changed)), 'the changed unit is linted again');
    assert.ok(run.stdout.includes(JSON.stringify(kept)), 'an unchanged unit is reused');
    const unmarked = await cli(ARGS, dir);
    assert.equal(run.stdout.replace(JSON.stringify(kept), JSON.stringify(kept.replace('MARKED ', ''))), unmarked.stdout);
  });

  describe('a solution whose flow files only changed', () => {
    const SOLUTION = 'samples/ContosoExpenses/src/';
    const flowFile = FLOW.split(path.sep).join('/');
    /** A flow of the samples' solution, other than FLOW, with findings. */
    const otherFlow = (plain: { stdout: string }): string => {
      const files = (JSON.parse(plain.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
      const other = files.find((f) => f.startsWith(`${SOLUTION}Workflows/`) && f !== flowFile);
      assert.ok(other, 'the solution has another flow with findings');
      return other;
    };
    const unmark = (text: string, marked: string): string => text.split(JSON.stringify(marked)).join(JSON.stringify(marked.replace('MARKED ', '')));

    it('lints the changed flow again and keeps the findings of its other flows', async () => {
      const dir = workspace();
      const plain = await cli(ARGS, dir);
      await cli([...ARGS, '--cache'], dir);
      const changed = mark(path.join(dir, CACHE), flowFile);
      const kept = mark(path.join(dir, CACHE), otherFlow(plain));
      edit(path.join(dir, FLOW), (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
      const run = await traced([...ARGS, '--cache'], dir);
      assert.ok(!run.stdout.includes(JSON.stringify(changed)), 'the changed flow is linted again');
      assert.ok(run.stdout.includes(JSON.stringify(kept)), "another flow of its solution keeps its findings");
      assert.match(run.trace, /cache: \d+ units reused, and 5 flows of the units linted again/);
      // Nor are they built to be loaded: the cache has their outlines.
      assert.match(run.trace, /loaded: whole@main:6 \(5 not built\)/);
      const fresh = await cli(ARGS, dir);
      assert.equal(unmark(run.stdout, kept), fresh.stdout);
      assert.equal(run.code, fresh.code);
    });

    it('lints every flow again when another file of the solution changed', async () => {
      const dir = workspace();
      const plain = await cli(ARGS, dir);
      await cli([...ARGS, '--cache'], dir);
      mark(path.join(dir, CACHE), otherFlow(plain));
      edit(path.join(dir, FLOW), (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
      edit(path.join(dir, SOLUTION, 'Other', 'Solution.xml'), (t) => `${t}\n`);
      const run = await traced([...ARGS, '--cache'], dir);
      same(run, await cli(ARGS, dir), 'the solution changed');
      assert.doesNotMatch(run.stdout, /MARKED/);
      assert.match(run.trace, /and 0 flows of the units linted again/);
    });

    it('on two threads, a solution split among them keeps the findings of its flows that did not change', async () => {
      const dir = workspace(30);
      const args = [...ARGS, '--threads', '2'];
      const plain = await cli(ARGS, dir);
      same(await cli([...args, '--cache'], dir), plain, 'cold');
      const workflows = path.join(dir, 'gen', 'Generated1', 'Workflows');
      const [first, last] = [readdirSync(workflows).filter((f) => f.endsWith('.json')).sort()[0]!, readdirSync(workflows).filter((f) => /^Generated\d+-.*\.json$/.test(f)).sort().at(-1)!];
      // One flow edited, and one flow in the other thread's share marked: it must come from the cache.
      const kept = mark(path.join(dir, CACHE), `gen/Generated1/Workflows/${last}`);
      edit(path.join(workflows, first), (t) => t.replace('"runAfter"', '"runAfter" '));
      const run = await traced([...args, '--cache'], dir);
      assert.match(run.trace, /loaded: .*chunk/, 'the solution was split among the threads');
      assert.ok(run.stdout.includes(JSON.stringify(kept)), 'a flow that did not change keeps its findings');
      const reused = Number(/and (\d+) flows of the units linted again/.exec(run.trace)?.[1]);
      assert.ok(reused >= 25, `the solution's other flows are reused: ${reused}`);
      const fresh = await cli(ARGS, dir);
      assert.equal(unmark(run.stdout, kept), fresh.stdout);
    });

    it('on a copy of the CoE starter kit core solution (112 flows), one flow changed reports what a plain run does', async function () {
      if (!corpusAvailable()) this.skip();
      const dir = scratch();
      cpSync(path.join(CORPUS_DIR, 'austin-slayton__coe-starter-kit', 'CenterofExcellenceCoreComponents'), path.join(dir, 'core'), { recursive: true });
      const args = ['core', '--format', 'json'];
      await cli([...args, '--cache'], dir);
      // A flow others run, and that runs others: what the rest take from it may change.
      const workflows = path.join(dir, 'core', 'SolutionPackage', 'src', 'Workflows');
      const child = readdirSync(workflows).find((f) => f.startsWith('CLEANUP-AdminSyncTemplatev3ConnectionStatus') && f.endsWith('.json')) ?? readdirSync(workflows).filter((f) => f.endsWith('.json')).sort()[0]!;
      edit(path.join(workflows, child), (t) => t.replace('"runAfter"', '"runAfter" '));
      const run = await traced([...args, '--cache'], dir);
      same(run, await cli(args, dir), 'one flow changed');
      const reused = Number(/and (\d+) flows of the units linted again/.exec(run.trace)?.[1]);
      assert.ok(reused > 100, `most of its 112 flows reused: ${reused}`);
    });
  });

  // The child's finding (data its parent passes it leaves over HTTP) is made of the two flows together.
  for (const [where, layout] of [
    ['in another solution', (dir: string) => (splitChildFlows(dir), { args: ['parents', 'children'], parent: 'parents', child: 'children' })],
    ['in the same solution', (dir: string) => (cpSync(path.join(ROOT_FIXTURES, 'exfiltration', 'http-data-path', 'child-flow-sends-input'), path.join(dir, 'both'), { recursive: true }), { args: ['both'], parent: 'both', child: 'both' })],
  ] as const) {
    it(`a parent ${where} that passes a child flow other data relints the child`, async () => {
      const dir = scratch();
      const { args: paths, parent, child } = layout(dir);
      const args = [...paths, '--format', 'json'];
      const before = await cli([...args, '--cache'], dir);
      assert.match(before.stdout, /exfiltration\/http-data-path/);
      mark(path.join(dir, CACHE), `${child}/Workflows/${CHILD_FILE}`);
      edit(path.join(dir, parent, 'Workflows', PARENT_FILE), (t) => t.replace(ITEMS, '"a literal"'));
      const after_ = await traced([...args, '--cache'], dir);
      same(after_, await cli(args, dir), 'the parent changed');
      assert.doesNotMatch(after_.stdout, /MARKED/);
      // The child's file did not change, so it is loaded from its cached outline, but what it takes from its parent did.
      assert.match(after_.trace, /and 0 flows of the units linted again/);
    });
  }

  for (const [what, change] of [
    ['flowguard.json', (dir: string) => writeFileSync(path.join(dir, 'flowguard.json'), JSON.stringify({ rules: { 'dlp/blocked-connector': 'warning' } }))],
    ['a policy file', (dir: string) => edit(path.join(dir, POLICY), (t) => t.replace('"Contoso Tenant Baseline"', '"Contoso Tenant Baseline (edited)"'))],
    ['the version', undefined],
  ] as const) {
    it(`a change to ${what} lints everything again`, async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache'], dir);
      mark(path.join(dir, CACHE));
      const env: Record<string, string> = change ? {} : { FLOWGUARD_CACHE_VERSION: '99.0.0' };
      change?.(dir);
      const run = await traced([...ARGS, '--cache'], dir, env);
      same(run, await cli(ARGS, dir), what);
      assert.match(run.trace, /cache: 0 units reused/);
    });
  }

  for (const flags of [['--rule', 'dlp/blocked-connector=off'], ['--no-suppressions'], ['--environment', 'Production']]) {
    it(`${flags[0]} lints everything again, and back without it`, async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache'], dir);
      mark(path.join(dir, CACHE));
      const run = await cli([...ARGS, ...flags, '--cache'], dir);
      same(run, await cli([...ARGS, ...flags], dir), flags.join(' '));
      assert.doesNotMatch(run.stdout, /MARKED/);
      same(await cli([...ARGS, '--cache'], dir), await cli(ARGS, dir), 'without the flag');
    });
  }

  for (const [what, write, note] of [
    ['that is not JSON', (file: string) => writeFileSync(file, 'not a cache\u0000'), 'it is not valid JSON'],
    ['cut short', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200)), 'it is not valid JSON'],
    ['cut short in its body', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').slice(0, readCacheFile(file).head.body)), 'it is not valid JSON'],
    [
      'out of shape',
      (file: string) => {
        const cache = readCacheFile(file);
        writeCacheFile(file, { ...cache, body: { ...cache.body, units: [{ id: 'x', hash: 1 }] as never } });
      },
      'its content is not what FlowGuard writes',
    ],
    [
      'with a finding of the wrong kind',
      (file: string) => {
        const cache = readCacheFile(file);
        const flow = cache.body.units.flatMap((u) => u.outcome.flows).find((f) => f.result.findings.length > 0)!;
        (flow.result.findings[0] as unknown as Record<string, unknown>).range = [-1, 0, 'x', 0];
        writeCacheFile(file, cache);
      },
      'its content is not what FlowGuard writes',
    ],
    [
      'naming a path outside its table',
      (file: string) => {
        const cache = readCacheFile(file);
        cache.body.units.flatMap((u) => u.outcome.flows).find((f) => f.result.findings.length > 0)!.result.findings[0]!.file = cache.body.files.length;
        writeCacheFile(file, cache);
      },
      'its content is not what FlowGuard writes',
    ],
    [
      'with file stats out of shape',
      (file: string) => {
        const cache = readCacheFile(file);
        writeCacheFile(file, { ...cache, head: { ...cache.head, stats: [['relative/path', -1]] as never } });
      },
      'its content is not what FlowGuard writes (file stat 1 is out of shape)',
    ],
    [
      'damaged in its third line (its length the same)',
      (file: string) => {
        // Without the report kept after it: an unchanged rerun prints that without reading the entries.
        const lines = readFileSync(file, 'utf8').split('\n').slice(0, 3);
        const { report: _kept, ...head } = JSON.parse(lines[0]!) as Record<string, unknown>;
        lines[0] = JSON.stringify(head);
        const third = lines[2]!;
        const at = third.lastIndexOf('"file":');
        lines[2] = `${third.slice(0, at)}"fild":${third.slice(at + 7)}`;
        writeFileSync(file, lines.join('\n'));
      },
      'its content is not what FlowGuard writes (its third line is damaged)',
    ],

    ['that is not FlowGuard\'s', (file: string) => writeFileSync(file, '{"eslint": true}'), 'it is not a FlowGuard cache'],
    ['that is a folder', (file: string) => (rmSync(file), mkdirSync(file)), 'it is not a regular file'],
  ] as const) {
    it(`a cache file ${what} is a one-line note and a cold run`, async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache'], dir);
      write(path.join(dir, CACHE));
      const run = await cli([...ARGS, '--cache'], dir);
      const plain = await cli(ARGS, dir);
      const notes = run.stderr.split('\n').filter((l) => l.includes(CACHE));
      assert.equal(notes.length, what === 'that is a folder' ? 2 : 1, run.stderr);
      assert.ok(notes[0]!.startsWith(`flowguard: note: ignored the cache ${CACHE}: ${note}`), notes[0]);
      assert.equal(run.stdout, plain.stdout);
      assert.equal(run.code, plain.code);
      if (what !== 'that is a folder') same(await cli([...ARGS, '--cache'], dir), plain, 'the cache written again');
    });
  }

  it('a third line out of shape whose hash was made to match never reaches a report', async () => {
    const dir = workspace();
    const plain = await cli(ARGS, dir);
    await cli([...ARGS, '--cache'], dir);
    const file = path.join(dir, CACHE);
    const cache = readCacheFile(file);
    writeCacheFile(file, { ...cache, later: JSON.stringify((JSON.parse(cache.later) as unknown[]).map(() => ({}))) });
    // Every unit reused: the run reads none of the third line.
    same(await cli([...ARGS, '--cache'], dir), plain, 'nothing changed');
    // A unit changed: the run reads the other units' outlines, finds them out of shape, and lints everything.
    edit(path.join(dir, FLOW), (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
    const run = await traced([...ARGS, '--cache'], dir);
    same(run, await cli(ARGS, dir), 'a flow changed');
    assert.match(run.trace, /units run failed: .*third line/);
    assert.match(run.trace, /cache: 0 units reused/);
  });

  describe('file stats', () => {
    it("an unchanged file's digest comes from its stat; a content change that sets the time back is still seen", async () => {
      const dir = workspace();
      const flow = path.join(dir, FLOW);
      // A whole second, which utimes sets again exactly.
      const then = Math.floor(Date.now() / 1000) - 3600;
      utimesSync(flow, then, then);
      await cli([...ARGS, '--cache'], dir);
      const file = path.join(dir, CACHE);
      setReadTimes(file, LONG_AFTER);
      const warm = await traced([...ARGS, '--cache'], dir);
      same(warm, await cli(ARGS, dir), 'warm');
      assert.match(warm.trace, /cache: all \d+ units reused/);
      assert.deepEqual(lastHashing().hashed, [], 'no file is read');
      assert.ok(lastHashing().reused > 50, `${lastHashing().reused} digests from stats`);

      const marked = mark(file, FLOW.split(path.sep).join('/'));
      const before = statSync(flow, { bigint: true });
      // The same size, and the same modification time: only the change time says the file changed.
      edit(flow, (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_receipt_is_uploadeD'));
      utimesSync(flow, then, then);
      const after = statSync(flow, { bigint: true });
      assert.equal(after.size, before.size);
      assert.equal(after.mtimeNs, before.mtimeNs);
      assert.notEqual(after.ctimeNs, before.ctimeNs);
      const run = await cli([...ARGS, '--cache'], dir);
      assert.deepEqual(lastHashing().hashed, [flow]);
      assert.ok(!run.stdout.includes(JSON.stringify(marked)), 'the changed flow is linted again');
      same(run, await cli(ARGS, dir), 'changed');
    });

    it('a touched file is read again and still hits the cache by its content; the cache then keeps its new stat', async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache'], dir);
      const file = path.join(dir, CACHE);
      setReadTimes(file, LONG_AFTER);
      const marked = mark(file, FLOW.split(path.sep).join('/'));
      const flow = path.join(dir, FLOW);
      const touched = new Date(Date.now() - 3_600_000);
      utimesSync(flow, touched, touched);
      const run = await traced([...ARGS, '--cache'], dir);
      assert.deepEqual(lastHashing().hashed, [flow]);
      assert.match(run.trace, /cache: all \d+ units reused/);
      assert.ok(run.stdout.includes(JSON.stringify(marked)), 'served from the cache');
      const record = readCacheFile(file).head.stats.find((r) => r[0] === flow)!;
      assert.equal(record[2], String(statSync(flow, { bigint: true }).mtimeNs), 'the new stat is kept');
    });

    it('a file changed just before the last run read it is read again', async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache'], dir);
      const file = path.join(dir, CACHE);
      const flow = path.join(dir, FLOW);
      // Read a second after its last change: within the 2 s a timestamp may lag (cli/cache/records.ts).
      setReadTimes(file, (r) => (r[0] === flow ? Math.floor(Number(BigInt(r[3]) / 1_000_000n)) + 1000 : LONG_AFTER()));
      const run = await traced([...ARGS, '--cache'], dir);
      assert.deepEqual(lastHashing().hashed, [flow]);
      assert.match(run.trace, /cache: all \d+ units reused/);
      same(run, await cli(ARGS, dir), 'warm');
    });

    it('a fresh copy of the same files (every stat new) hits the cache by content', async () => {
      const dir = workspace();
      const elsewhere = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-cache-copy-')));
      dirs.push(elsewhere);
      const location = path.join(elsewhere, 'lint.cache');
      await cli([...ARGS, '--cache', '--cache-location', location], dir);
      setReadTimes(location, LONG_AFTER);
      const moved = path.join(elsewhere, 'moved');
      renameSync(dir, moved);
      cpSync(moved, dir, { recursive: true });
      const run = await traced([...ARGS, '--cache', '--cache-location', location], dir);
      assert.match(run.trace, /cache: all \d+ units reused/);
      assert.equal(lastHashing().reused, 0, 'no stat is the same');
      assert.ok(lastHashing().hashed.length > 50);
      same(run, await cli(ARGS, dir), 'the copy');
    });

    it('a change on two threads, with the other units from the cache, reports what a plain run does', async () => {
      const dir = workspace();
      await cli([...ARGS, '--cache', '--threads', '2'], dir);
      edit(path.join(dir, FLOW), (t) => t.replace(/When_a_receipt_is_uploaded/g, 'When_a_new_receipt_is_uploaded'));
      const run = await traced([...ARGS, '--cache', '--threads', '2'], dir);
      same(run, await cli(ARGS, dir), 'a flow changed');
      assert.match(run.trace, /cache: [1-9]\d* units reused/);
    });
  });

  it('never reads or writes through a symbolic link', async function () {
    const dir = workspace();
    const target = path.join(dir, 'elsewhere.txt');
    writeFileSync(target, 'not the cache');
    try {
      symlinkSync(target, path.join(dir, CACHE));
    } catch {
      this.skip();
    }
    const run = await cli([...ARGS, '--cache'], dir);
    assert.equal(run.stdout, (await cli(ARGS, dir)).stdout);
    assert.match(run.stderr, /ignored the cache \.flowguardcache: it is a symbolic link/);
    assert.match(run.stderr, /did not write the cache \.flowguardcache: it is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), 'not the cache');
  });

  it('--cache-location names the file, or a folder to keep .flowguardcache in, anywhere', async () => {
    const dir = workspace();
    const elsewhere = realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-cache-location-')));
    dirs.push(elsewhere);
    const plain = await cli(ARGS, dir);
    same(await cli([...ARGS, '--cache', '--cache-location', path.join(elsewhere, 'lint.cache')], dir), plain, 'a file');
    assert.ok(existsSync(path.join(elsewhere, 'lint.cache')));
    same(await cli([...ARGS, '--cache', '--cache-location', elsewhere], dir), plain, 'a folder');
    assert.ok(existsSync(path.join(elsewhere, CACHE)));
    assert.ok(!existsSync(path.join(dir, CACHE)), 'nothing is written in the working folder');
    const warm = await traced([...ARGS, '--cache', '--cache-location', elsewhere], dir);
    assert.match(warm.trace, /cache: all \d+ units reused/);
  });

  it('--cache-location without --cache is a usage error', async () => {
    const run = await cli(['.', '--cache-location', 'x'], tmpdir());
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'flowguard: --cache-location names the file --cache keeps: add --cache; see flowguard --help\n');
  });

  it('on ../shared/corpus, cold and warm report what a plain run does', async function () {
    if (!corpusAvailable()) this.skip();
    const location = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'flowguard-corpus-cache-'))), 'corpus.cache');
    dirs.push(path.dirname(location));
    const args = ['.', '--format', 'json'];
    const plain = await cli(args, CORPUS_DIR);
    same(await cli([...args, '--cache', '--cache-location', location], CORPUS_DIR), plain, 'cold');
    const warm = await traced([...args, '--cache', '--cache-location', location], CORPUS_DIR);
    same(warm, plain, 'warm');
    assert.match(warm.trace, /cache: all \d+ units reused/);
  });
});
