import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES } from '../helpers/fixtures';
import { copyWorkTree } from '../helpers/work-tree';

// The package as a user gets it until a registry release exists: `npm pack` of a checkout (the
// prepack script makes the production build), then `npm install <tarball>` into an empty project
// with a fresh cache and no network, then `npx flowguard` there. The registry is set to an
// address nothing listens on, so any attempt to reach it fails the install instead of passing.

const SECRET = 'Winter2024!Payroll';
const OFFLINE = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

interface PackedFile {
  path: string;
  size: number;
}

// The installed CLI keeps its V8 code cache in the user's cache folder (cli/compile-cache.ts): here, in one of the test's own.
const CODE_CACHE = mkdtempSync(path.join(tmpdir(), 'flowguard-xdg-cache-'));
after(() => rmSync(CODE_CACHE, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: CODE_CACHE, LOCALAPPDATA: CODE_CACHE, ...env }, encoding: 'utf8' });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => statSync(path.join(dir, rel)).isFile());
}

describe('npm package (npm pack, installed offline into an empty project)', function () {
  this.timeout(300_000);
  const temp: string[] = [];
  const tempDir = (name: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), `flowguard-${name}-`));
    temp.push(dir);
    return dir;
  };
  let files: PackedFile[];
  let manifest: Record<string, unknown> & { scripts?: Record<string, string> };
  let project: string;
  let installed: string;

  before(() => {
    const tree = tempDir('pack-tree');
    copyWorkTree(tree);
    const dest = tempDir('pack');
    const [packed] = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', dest], tree), 'npm pack')) as { filename: string; size: number; files: PackedFile[] }[];
    assert.ok(packed, 'npm pack made a tarball');
    files = packed.files;
    const tarball = path.join(dest, packed.filename);
    console.log(`      (tarball ${packed.filename}: ${(statSync(tarball).size / 1024).toFixed(0)} KB, ${files.length} files)`);

    const unpacked = tempDir('unpacked');
    ok(run('tar', ['-xzf', tarball, '-C', unpacked, 'package/package.json'], unpacked), 'tar');
    manifest = JSON.parse(readFileSync(path.join(unpacked, 'package', 'package.json'), 'utf8'));

    project = tempDir('empty-project');
    writeFileSync(path.join(project, 'package.json'), '{ "name": "contoso-flows", "private": true }\n');
    const started = Date.now();
    ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', tempDir('npm-cache'), tarball], project, OFFLINE), 'npm install');
    console.log(`      (npm install of the tarball, offline, fresh cache: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    installed = path.join(project, 'node_modules', 'flowguard');
  });

  after(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('ships the three bundles, the schemas, README, LICENSE and CHANGELOG, and nothing else', () => {
    const names = files.map((f) => f.path).sort();
    assert.deepEqual(names.filter((name) => !name.startsWith('schemas/')), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/client.js', 'dist/server.js', 'package.json']);
    assert.ok(names.includes('schemas/flowguard.schema.json') && names.includes('schemas/dlp-policy.schema.json'), names.join(', '));
  });

  it('points main, bin and every exports target at files it ships', () => {
    const shipped = new Set(files.map((f) => f.path));
    const targets = [manifest.main, ...Object.values(manifest.bin as Record<string, string>), ...Object.values(manifest.exports as Record<string, string>)] as string[];
    for (const target of targets) {
      const rel = target.replace(/^\.\//, '');
      if (rel.endsWith('*')) assert.ok([...shipped].some((f) => f.startsWith(rel.slice(0, -1))), `${target} matches no shipped file`);
      else assert.ok(shipped.has(rel), `${target} is not in the tarball`);
    }
    assert.equal(manifest.main, './dist/client.js', "VS Code loads the extension from main; exports leave it alone");
    for (const request of ['flowguard/package.json', 'flowguard/dist/cli.js', 'flowguard/dist/server.js', 'flowguard/schemas/flowguard.schema.json']) {
      const resolved = run(process.execPath, ['-p', `require.resolve(${JSON.stringify(request)})`], project);
      assert.equal(resolved.status, 0, `${request}: ${resolved.stderr}`);
      assert.equal(resolved.stdout.trim(), path.join(installed, request.slice('flowguard/'.length)));
    }
  });

  it('has no install scripts and no dependencies to fetch', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts?.[hook], undefined, `scripts.${hook}`);
    assert.equal(manifest.dependencies, undefined);
    assert.ok(!files.some((f) => f.path === 'binding.gyp'), 'a binding.gyp makes npm run node-gyp on install');
  });

  it('ships minified bundles with no source map comment and no map file', () => {
    const js = filesUnder(installed).filter((rel) => rel.endsWith('.js'));
    assert.deepEqual(js.sort(), ['dist/cli.js', 'dist/client.js', 'dist/server.js'].map((f) => f.split('/').join(path.sep)));
    for (const rel of js) {
      const text = readFileSync(path.join(installed, rel), 'utf8');
      assert.ok(!text.includes('sourceMappingURL'), `${rel} names a source map`);
      // esbuild heads each module with `// core/engine/lint.ts` and the like, unless it minifies.
      assert.ok(!/^\s*\/\/ (cli|client|core|rules|server)\//m.test(text), `${rel} is minified`);
    }
    assert.ok(!filesUnder(installed).some((rel) => rel.endsWith('.map')));
  });

  it('runs `npx flowguard --version` in the project, offline', () => {
    const version = run('npx', ['--offline', 'flowguard', '--version'], project, OFFLINE);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version);
  });

  it('lints a flow there: the finding, its position and rule, the secret masked, exit code 1', () => {
    mkdirSync(path.join(project, 'flows'));
    cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret', 'http-basic-auth.json'), path.join(project, 'flows', 'payroll.json'));
    const lint = run('npx', ['--offline', 'flowguard', 'flows'], project, OFFLINE);
    const output = lint.stdout + lint.stderr;
    assert.equal(lint.status, 1, output);
    assert.match(output, /flows\/payroll\.json\n/);
    assert.match(output, /43:28\s+error\s+Hardcoded Basic authentication password in action 'Call_payroll_API'.*'Wint…' \(18 characters\).*secrets\/hardcoded-secret/);
    assert.ok(!output.includes(SECRET), 'the whole secret never reaches the terminal');
  });
});
