import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readZip } from '../../../core/artifacts/zip';
import { PROJECT_HOME } from '../../../core/project-home';
import { allRules } from '../../../rules';
import { ROOT } from '../../helpers/fixtures';
import { isRelative, linkTargets } from '../../helpers/markdown-links';
import { pngSize } from '../../helpers/png';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; icon: string };
/** What the .vsix may weigh: three minified bundles, the rule pages, two images and the schemas. */
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

/** The repository file a link into the project's home names (blob or raw, any branch), if it is one. */
function repositoryPath(url: string): string | undefined {
  const match = new RegExp(`^${PROJECT_HOME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|raw)/[^/]+/([^#?]+)`).exec(url);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

describe('the .vsix that npm run package builds', function () {
  // The production build and vsce take a while on a shared two-core machine.
  this.timeout(300_000);
  let dir: string;
  let vsix: string;
  let entries: Map<string, Uint8Array>;
  const text = (name: string): string => Buffer.from(entries.get(name) ?? []).toString('utf8');

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-vsix-'));
    vsix = path.join(dir, `flowguard-${manifest.version}.vsix`);
    // `--out` reaches vsce, the script's last command.
    const run = spawnSync('npm', ['run', 'package', '--silent', '--', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}\n${run.stderr}`);
    entries = (await readZip(vsix, readFileSync(vsix))).entries;
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the Marketplace README, the icon, the CHANGELOG, the LICENSE, the bundles and the schemas', () => {
    for (const name of ['extension/readme.md', `extension/${manifest.icon}`, 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/cli.js', 'extension/schemas/flowguard.schema.json', 'extension/schemas/dlp-policy.schema.json']) {
      assert.ok(entries.has(name), `${name} is in the .vsix`);
    }
    assert.ok(text('extension/readme.md').startsWith('# FlowGuard for VS Code'), 'the README is client/README.md, not the developers\' README.md');
    assert.ok(![...entries.keys()].some((name) => /^extension\/README\.md$/.test(name)), 'the developers\' README.md stays out');
    const { width, height } = pngSize(entries.get(`extension/${manifest.icon}`) ?? new Uint8Array());
    assert.ok(width >= 128 && height >= 128, `the icon is ${width}x${height}`);
  });

  it('holds every rule page, so Show Rule Documentation works offline', () => {
    for (const { meta } of allRules) assert.ok(entries.has(`extension/docs/rules/${meta.id}.md`), `docs/rules/${meta.id}.md is in the .vsix`);
  });

  it('holds no node_modules, no source maps, no TypeScript and no tests', () => {
    const stray = [...entries.keys()].filter((name) => /\/node_modules\/|\.map$|\.ts$|^extension\/(test|out|core|client|server|cli|rules|samples)\//.test(name));
    assert.deepEqual(stray, []);
  });

  it("has a CHANGELOG with a section for the package's version", () => {
    assert.match(text('extension/changelog.md'), new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });

  it("has a README with no relative link, whose links into the repository name files it has, screenshot included", () => {
    const readme = text('extension/readme.md');
    const targets = linkTargets(readme);
    assert.deepEqual(targets.filter(isRelative), [], 'vsce rewrote every relative link');
    for (const target of targets.filter((t) => t.startsWith(PROJECT_HOME))) {
      const file = repositoryPath(target);
      if (file) assert.ok(existsSync(path.join(ROOT, file)), `${target}: ${file} is in the repository`);
    }
    const screenshot = targets.find((t) => repositoryPath(t) === 'images/problems-and-connectors.png');
    assert.ok(screenshot, "the README shows the end-to-end suite's screenshot of the Problems panel and the Flow Connectors view");
    assert.ok(entries.has('extension/images/problems-and-connectors.png'), 'and the .vsix carries it');
    for (const { meta } of allRules) assert.ok(targets.some((t) => repositoryPath(t) === `docs/rules/${meta.id}.md`), `the README links ${meta.id}'s page`);
  });

  it('has rule pages whose relative links, if any, lead to files in the .vsix', () => {
    for (const [name, bytes] of entries) {
      if (!name.startsWith('extension/docs/') || !name.endsWith('.md')) continue;
      for (const target of linkTargets(Buffer.from(bytes).toString('utf8')).filter(isRelative)) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), target.replace(/#.*$/, '')));
        assert.ok(entries.has(resolved), `${name} links ${target}, which is not in the .vsix`);
      }
    }
  });

  it(`weighs under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(statSync(vsix).size < MAX_VSIX_BYTES, `${statSync(vsix).size} bytes`);
  });
});
