import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// Each rule's page (docs/rules/<id>.md), which SARIF carries as the rule's help.markdown.
// The bundles never run this file: scripts/build.mjs puts in its place a module that holds every
// page as it was at build time, so the shipped CLI does not look for a docs folder when it runs.
// Compiled from the sources (tests, out/), it reads the pages of the checkout it was compiled
// from, found from this file's own place, never from the working directory.
const DOCS = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');

/** Rule ids are paths of two plain segments; nothing else names a page. */
const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** The page's Markdown source, or undefined for an id without one (an engine-level check). */
export function rulePage(id: string): string | undefined {
  if (!RULE_ID.test(id)) return undefined;
  try {
    return readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
