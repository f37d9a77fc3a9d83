import * as path from 'node:path';
import { decodeText } from '../artifacts/decode';
import { parseJson, prop, str, items, entries, type JsonNode } from '../artifacts/json';
import { readRegularFileSync } from '../artifacts/read-file';
import { ArtifactError, type SourceFile } from '../artifacts/source';
import { MAX_CONFIG_BYTES, MAX_GLOBS } from '../limits';
import { globProblem } from '../project/glob-match';
import schema from '../../schemas/flowguard.schema.json';
import { ConfigError } from './errors';
import { checkSchema } from './schema-check';
import { emptyConfig, type Config, type RuleSetting } from './types';

/** Reads and validates a flowguard.json; `displayPath` is how messages name it. */
export function parseConfig(text: string, file: string, displayPath: string): Config {
  let doc;
  try {
    doc = parseJson(decodeText(displayPath, Buffer.from(text, 'utf8')));
  } catch (error) {
    if (error instanceof ArtifactError) throw new ConfigError(error.file, error.message, error.span, error.source);
    throw error;
  }
  checkSchema(doc, schema);
  const root = doc.root;
  checkGlobs(doc.source, root);
  const config = emptyConfig(path.dirname(file));
  config.file = file;
  const policyNodes = items(prop(root, 'policies'));
  config.policies = policyNodes.map((n) => str(n) ?? '');
  config.policyKeys = policyNodes.map((n) => ({ source: doc.source, span: { offset: n.offset, length: n.length } }));
  config.environment = str(prop(root, 'environment'));
  config.ruleKeys = new Map();
  for (const [key, value] of entries(prop(root, 'rules'))) {
    // Own property even for '__proto__', so the unknown-rule check and the lookups see the same keys.
    Object.defineProperty(config.rules, String(key.value), { value: str(value) as RuleSetting, enumerable: true, writable: true, configurable: true });
    config.ruleKeys.set(String(key.value), { source: doc.source, span: { offset: key.offset, length: key.length } });
  }
  config.ignore = items(prop(root, 'ignore')).map((n) => str(n) ?? '');
  config.trustedDomains = items(prop(root, 'trustedDomains')).map((n) => str(n) ?? '');
  config.organizationDomains = items(prop(root, 'organizationDomains')).map((n) => str(n) ?? '');
  config.exceptions = items(prop(root, 'exceptions')).map((node) => ({
    rule: str(prop(node, 'rule')) ?? '',
    flow: str(prop(node, 'flow')),
    action: str(prop(node, 'action')),
    file: str(prop(node, 'file')),
    reason: str(prop(node, 'reason')),
    at: { source: doc.source, span: { offset: node.offset, length: node.length } },
  }));
  return config;
}

/**
 * Globs are matched against every file of the workspace, so their number and length are bounded
 * (core/limits.ts); a glob past them is an error at its line rather than a slow or failed run.
 */
function checkGlobs(source: SourceFile, root: JsonNode): void {
  const fail = (node: JsonNode, message: string): never => {
    throw new ConfigError(source.path, message, { offset: node.offset, length: Math.min(node.length, 200) }, source);
  };
  for (const key of ['policies', 'ignore', 'exceptions']) {
    const list = prop(root, key);
    const listed = items(list);
    if (list && listed.length > MAX_GLOBS) fail(list, `"${key}" lists ${listed.length} entries; FlowGuard reads at most ${MAX_GLOBS}.`);
    for (const node of listed) {
      const globNode = key === 'exceptions' ? prop(node, 'file') : node;
      const glob = str(globNode);
      const problem = glob === undefined ? undefined : globProblem(glob);
      if (problem && globNode) fail(globNode, `This "${key}" glob cannot be used: ${problem}.`);
    }
  }
}

export function loadConfig(file: string, displayPath: string): Config {
  let text: string;
  try {
    text = new TextDecoder().decode(readRegularFileSync(file, MAX_CONFIG_BYTES));
  } catch (error) {
    throw new ConfigError(displayPath, `Cannot read ${displayPath}: it ${error instanceof Error ? error.message : String(error)}.`);
  }
  return parseConfig(text, file, displayPath);
}
