import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatSarif } from '../../../cli/format/sarif';
import { DOCS_BASE, docsUrl } from '../../../core/engine/rule';
import { ISSUES_URL, PROJECT_HOME, RULE_DOCS_BASE } from '../../../core/project-home';
import { OPTIONS, sampleResult } from '../../cli/format/fixture';
import { ROOT } from '../../helpers/fixtures';

interface Manifest {
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Markdown and YAML a reader meets: the READMEs, the CHANGELOG, the rule pages, the Action and the hooks. */
function documents(): string[] {
  const rulePages = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f));
  return ['README.md', path.join('client', 'README.md'), 'CHANGELOG.md', 'action.yml', '.pre-commit-hooks.yaml', ...rulePages].filter((f) => existsSync(path.join(ROOT, f)));
}

describe("the project's home (core/project-home.ts)", () => {
  it('is the repository package.json names, with its homepage and issue tracker', () => {
    assert.equal(manifest.repository.type, 'git');
    assert.equal(manifest.repository.url.replace(/\.git$/, ''), PROJECT_HOME);
    assert.ok(manifest.homepage === PROJECT_HOME || manifest.homepage.startsWith(`${PROJECT_HOME}#`), manifest.homepage);
    assert.equal(manifest.bugs.url, ISSUES_URL);
  });

  it("is where diagnostics' code links and SARIF's rule help point", () => {
    assert.equal(DOCS_BASE, RULE_DOCS_BASE);
    assert.ok(docsUrl('dlp/blocked-connector').startsWith(`${PROJECT_HOME}/`));
    assert.equal(docsUrl('dlp/blocked-connector'), `${RULE_DOCS_BASE}dlp/blocked-connector.md`);
  });

  it("is SARIF's informationUri", () => {
    const log = JSON.parse(formatSarif(sampleResult(), OPTIONS)) as { runs: { tool: { driver: { informationUri: string } } }[] };
    assert.equal(log.runs[0]?.tool.driver.informationUri, PROJECT_HOME);
  });

  it('is the only GitHub home the docs name for FlowGuard', () => {
    const owner = new URL(PROJECT_HOME).pathname.split('/')[1];
    for (const file of documents()) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [url] of text.matchAll(new RegExp(`https://github\\.com/${owner}/[^\\s)"'>\`]*`, 'g'))) {
        assert.ok(url === PROJECT_HOME || /^[/#?]/.test(url.slice(PROJECT_HOME.length)) && url.startsWith(PROJECT_HOME), `${file}: ${url} is not under ${PROJECT_HOME}`);
      }
      assert.ok(!text.includes('example.invalid/flowguard'), `${file} still names the placeholder home`);
    }
  });
});
