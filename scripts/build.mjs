// One esbuild script, three bundles: the VS Code client, the language server and the CLI.
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrapCli, wrapServer } from './cli-launcher.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// `--cli FILE` builds only the CLI's production bundle into FILE (test/cli/compile-cache.test.ts);
// `--server FILE` only the language server's (scripts/bench-lsp.mjs, test/unit/server/launcher.test.ts).
const cliAt = process.argv.indexOf('--cli');
const serverAt = process.argv.indexOf('--server');
const production = process.argv.includes('--production') || cliAt >= 0 || serverAt >= 0;
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD main hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

// `--action FILE` builds only the GitHub Action's bundle into FILE (scripts/build-action.mjs runs
// it), with the options and plugins the CLI's bundle has, so the action runs what the CLI does.
const actionAt = process.argv.indexOf('--action');
const cli = { entryPoints: ['cli/main.ts'], outfile: cliAt >= 0 ? process.argv[cliAt + 1] : 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } };
const server = { entryPoints: ['server/main.ts'], outfile: serverAt >= 0 ? process.argv[serverAt + 1] : 'dist/server.js' };
const bundles = actionAt >= 0 ? [{ entryPoints: ['action/bundle.ts'], outfile: process.argv[actionAt + 1] }] : cliAt >= 0 ? [cli] : serverAt >= 0 ? [server] : [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  server,
  cli,
];

/** docs/rules/<category>/<rule>.md by rule id; README.md is about the pages, not a rule. */
function rulePages() {
  const docs = path.join(root, 'docs', 'rules');
  const pages = {};
  for (const rel of readdirSync(docs, { recursive: true, encoding: 'utf8' }).sort()) {
    const id = rel.split(path.sep).join('/').replace(/\.md$/, '');
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) continue;
    pages[id] = readFileSync(path.join(docs, rel), 'utf8');
  }
  return pages;
}

// cli/format/rule-pages.ts reads a rule's page from the checkout; in a bundle, which runs anywhere,
// the pages are written into the bundle instead, as they are when it is built.
const embedRulePages = {
  name: 'embed-rule-pages',
  setup(build) {
    build.onLoad({ filter: /[\\/]cli[\\/]format[\\/]rule-pages\.ts$/ }, () => {
      const pages = rulePages();
      return {
        loader: 'js',
        contents: `const PAGES = ${JSON.stringify(pages)};\nexport function rulePage(id) { return Object.hasOwn(PAGES, id) ? PAGES[id] : undefined; }\n`,
        watchFiles: Object.keys(pages).map((id) => path.join(root, 'docs', 'rules', `${id}.md`)),
      };
    });
  },
};

const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const contexts = await Promise.all(
  bundles.map((b) => esbuild.context({ ...common, ...b, plugins: [embedRulePages, problemMatcher] })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
  // A production CLI is a launcher holding its bundle, compiled with a V8 code cache (scripts/cli-launcher.mjs); so is the language server.
  if (production && bundles.includes(cli)) await wrapCli(cli.outfile);
  if (production && bundles.includes(server)) await wrapServer(server.outfile);
}
