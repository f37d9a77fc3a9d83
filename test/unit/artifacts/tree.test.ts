import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { displayPath } from '../../../core/artifacts/paths';
import { ArtifactError } from '../../../core/artifacts/source';
import { folderTree, zipTree, type FolderTreeOptions } from '../../../core/artifacts/tree';
import { readZip } from '../../../core/artifacts/zip';
import { makeZip } from '../../helpers/make-zip';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function write(root: string, rel: string, content: string): void {
  const abs = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof ArtifactError && pattern.test(error.message));
}

describe('artifacts/tree', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'flowguard-tree-'));
    outside = mkdtempSync(path.join(tmpdir(), 'flowguard-outside-'));
    write(root, 'Other/Solution.xml', '<ImportExportXml/>');
    write(root, 'Workflows/Flow-1.json', '{"a": 1}');
    write(root, 'Workflows/Flow-1.json.data.xml', '<Workflow/>');
    write(root, 'environmentvariabledefinitions/x_Var/environmentvariabledefinition.xml', '<environmentvariabledefinition/>');
    write(root, 'node_modules/pkg/index.json', '{}');
    write(root, '.git/config', '');
    write(root, 'bin/build.json', '{}');
    write(outside, 'secret.txt', 'not yours');
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  // The language server reads asynchronously, the CLI with blocking calls: both must read alike.
  for (const sync of [false, true]) describe(sync ? 'folderTree, reading with blocking calls' : 'folderTree', () => {
    const walk = (dir: string, prefix: string, options: FolderTreeOptions = {}) => folderTree(dir, prefix, { ...options, sync });

    it('lists files recursively with / and sorted, skipping node_modules and .git', async () => {
      const tree = await walk(root, 'samples/Sol', {});
      assert.equal(tree.kind, 'folder');
      assert.equal(tree.label, 'samples/Sol/');
      assert.deepEqual(tree.list(), [
        'Other/Solution.xml',
        'Workflows/Flow-1.json',
        'Workflows/Flow-1.json.data.xml',
        'bin/build.json',
        'environmentvariabledefinitions/x_Var/environmentvariabledefinition.xml',
      ]);
      assert.equal(text(await tree.read('Workflows/Flow-1.json')), '{"a": 1}');
      assert.equal(tree.label + tree.list()[0], 'samples/Sol/Other/Solution.xml');
    });

    it('honours ignore for folders and files', async () => {
      const seen: string[] = [];
      const tree = await walk(root, 'Sol/', {
        ignore: (rel) => {
          seen.push(rel);
          return rel === 'bin' || rel.endsWith('.data.xml');
        },
      });
      assert.deepEqual(tree.list(), ['Other/Solution.xml', 'Workflows/Flow-1.json', 'environmentvariabledefinitions/x_Var/environmentvariabledefinition.xml']);
      assert.ok(seen.includes('bin'));
      assert.ok(!seen.includes('bin/build.json'), 'an ignored folder is not walked');
      assert.ok(!seen.some((s) => s.startsWith('node_modules')));
    });

    it('finds paths ignoring case and answers has() exactly', async () => {
      const tree = await walk(root, '', {});
      assert.equal(tree.label, '');
      assert.ok(tree.has('Other/Solution.xml'));
      assert.ok(!tree.has('other/solution.xml'));
      assert.equal(tree.findIgnoreCase('other/solution.XML'), 'Other/Solution.xml');
      assert.equal(tree.findIgnoreCase('Other/Solution.xml'), 'Other/Solution.xml');
      assert.equal(tree.findIgnoreCase('customizations.xml'), undefined);
    });

    it('refuses to read what it did not list', async () => {
      const tree = await walk(root, 'Sol', {});
      await rejects(tree.read('missing.json'), /Sol\/missing\.json is not in the folder/);
      await rejects(tree.read('../' + path.basename(outside) + '/secret.txt'), /not in the folder/);
      await rejects(tree.read('node_modules/pkg/index.json'), /not in the folder/);
    });

    it('refuses files over the size limit when read', async () => {
      write(root, 'big.json', 'x'.repeat(2048));
      const tree = await walk(root, 'Sol', { maxFileBytes: 1024 });
      await rejects(tree.read('big.json'), /FlowGuard reads at most/);
    });

    it('stops past maxFiles', async () => {
      await rejects(walk(root, 'Sol', { maxFiles: 3 }), /holds more than 3 files/);
      const tree = await walk(root, 'Sol', { maxFiles: 5 });
      assert.equal(tree.list().length, 5);
    });

    it('rejects a missing folder', async () => {
      await rejects(walk(path.join(root, 'nope'), 'nope', {}), /Cannot read the folder nope\/: it does not exist/);
    });

    it('reads a file that grew since the walk to its end, and refuses one that grew past the limit', async () => {
      const tree = await walk(root, 'Sol', { maxFileBytes: 64 });
      write(root, 'Workflows/Flow-1.json', `{"a": "${'x'.repeat(40)}"}`);
      assert.equal(text(await tree.read('Workflows/Flow-1.json')), `{"a": "${'x'.repeat(40)}"}`);
      write(root, 'Workflows/Flow-1.json', 'x'.repeat(100));
      await rejects(tree.read('Workflows/Flow-1.json'), /Sol\/Workflows\/Flow-1\.json is 1 MiB; FlowGuard reads at most 0 MiB per file/);
    });

    it('refuses, without blocking, a FIFO put in the place of a listed file', async function () {
      if (process.platform === 'win32') this.skip();
      const tree = await walk(root, 'Sol', {});
      const abs = path.join(root, 'Workflows', 'Flow-1.json');
      rmSync(abs);
      execFileSync('mkfifo', [abs]);
      await rejects(tree.read('Workflows/Flow-1.json'), /Sol\/Workflows\/Flow-1\.json is no longer a regular file/);
    });

    it('says a listed file that is gone cannot be read', async () => {
      const tree = await walk(root, 'Sol', {});
      rmSync(path.join(root, 'Workflows', 'Flow-1.json'));
      await rejects(tree.read('Workflows/Flow-1.json'), /Cannot read Sol\/Workflows\/Flow-1\.json: it does not exist/);
    });

    describe('symlinks', function () {
      before(function () {
        if (process.platform === 'win32') this.skip(); // creating links needs privileges there
      });

      it('does not follow symlinked folders (no loops) nor files outside the tree', async () => {
        symlinkSync(root, path.join(root, 'Workflows', 'loop'), 'dir');
        symlinkSync(outside, path.join(root, 'outside-dir'), 'dir');
        symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret.json'));
        symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.json'));
        symlinkSync(path.join(root, 'Workflows', 'Flow-1.json'), path.join(root, 'alias.json'));
        const tree = await walk(root, 'Sol', {});
        const list = tree.list();
        assert.ok(!list.some((p) => p.includes('loop') || p.includes('outside') || p.includes('secret') || p.includes('dangling')), list.join(', '));
        assert.ok(list.includes('alias.json'), 'a link to a file inside the tree is a file');
        assert.equal(text(await tree.read('alias.json')), '{"a": 1}');
      });

      it('walks a root that is itself a symlink', async () => {
        const link = path.join(outside, 'link-to-root');
        symlinkSync(root, link, 'dir');
        const tree = await walk(link, 'link', {});
        assert.ok(tree.has('Workflows/Flow-1.json'));
      });
    });
  });

  describe('zipTree', () => {
    it('presents a zip like a folder', async () => {
      const archive = await readZip('samples/Sol.zip', makeZip({ 'solution.xml': '<a/>', 'Workflows/F.json': '{}', 'customizations.xml': '<b/>' }));
      const tree = zipTree(archive);
      assert.equal(tree.kind, 'zip');
      assert.equal(tree.label, 'samples/Sol.zip!');
      assert.deepEqual(tree.list(), ['Workflows/F.json', 'customizations.xml', 'solution.xml']);
      assert.ok(tree.has('solution.xml'));
      assert.equal(tree.findIgnoreCase('Solution.XML'), 'solution.xml');
      assert.equal(text(await tree.read('Workflows/F.json')), '{}');
      await rejects(tree.read('nope.json'), /samples\/Sol\.zip!nope\.json is not in the archive/);
      tree.list().pop();
      assert.equal(tree.list().length, 3, 'list() hands out a copy');
    });
  });

  describe('displayPath', () => {
    const cwd = path.resolve('/work/project');
    it('is relative with / inside the working folder', () => {
      assert.equal(displayPath(path.join(cwd, 'samples', 'Sol.zip'), cwd), 'samples/Sol.zip');
      assert.equal(displayPath(cwd, cwd), '.');
      assert.equal(displayPath(path.join(cwd, '..foo', 'x.json'), cwd), '..foo/x.json');
    });
    it('is absolute with / outside it', () => {
      const other = path.resolve('/elsewhere/flows/a.json');
      assert.equal(displayPath(other, cwd), other.replace(/\\/g, '/'));
      assert.equal(displayPath(path.resolve('/work'), cwd), path.resolve('/work').replace(/\\/g, '/'));
    });
  });
});
