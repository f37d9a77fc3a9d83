// Makes a production dist/cli.js a launcher (cli/launcher.ts) that holds the CLI's bundle and
// compiles it with a V8 code cache (cli/compile-cache.ts says why and how); dist/server.js the
// same with the language server's launcher (server/launcher.ts). The bundle is kept as
// the body of a function, in a block comment: V8 only scans a comment, the launcher reads it back
// with Function.prototype.toString, and the package still ships the one file dist/cli.js.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// As cli/compile-cache.ts's PAYLOAD_START, PAYLOAD_END and encodePayload; the mark is followed by
// the sha256 of the bundle (32 hex digits) and a newline.
const PAYLOAD_START = '/*FLOWGUARD-BUNDLE ';
const PAYLOAD_END = '\n*/';
const encodePayload = (text) => text.replace(/\x01/g, '\x01\x02').replace(/\*\//g, '*\x01/');

/** Rewrites the CLI bundle at `file` as the launcher holding it. */
export function wrapCli(file) {
  return wrapBundle(file, 'cli/launcher.ts', '#!/usr/bin/env node\n');
}

/** Rewrites the language server's bundle at `file` as the launcher holding it. */
export function wrapServer(file) {
  return wrapBundle(file, 'server/launcher.ts', '');
}

async function wrapBundle(file, entry, shebang) {
  const bundle = readFileSync(file, 'utf8');
  if (bundle.includes(`function flowguardBundle(){${PAYLOAD_START}`)) throw new Error(`${file} is a launcher already`);
  const launcher = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  const code = launcher.outputFiles[0].text;
  // The shebang line is the launcher's; the bundle's lines keep their numbers past it.
  const body = bundle.replace(/^#![^\n]*\n/, '');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
  writeFileSync(file, `${shebang}${code}function flowguardBundle(){${PAYLOAD_START}${hash}\n${encodePayload(body)}${PAYLOAD_END}}\n`);
}
