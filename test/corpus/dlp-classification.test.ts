import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import { classify } from '../../core/policy/classify';
import { loadProject } from '../../core/project/load';
import type { Workspace } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { CORPUS_DIR, corpusFiles, requireCorpus } from '../helpers/corpus';

/** Environments the scoped tenant policies of corpus/dlp name, so every policy gets a run. */
const ENVIRONMENTS = [undefined, 'Default-3c19c757-3b55-411f-b03f-2bcc514a598d', 'Default-ca08493a-c9c8-4db0-a9e8-d3b4bafac269', '00000000-0000-0000-0000-000000000000'];

describe('corpus: DLP classification under real tenant policies', function () {
  this.timeout(300_000);
  let ws: Workspace;

  before(async function () {
    requireCorpus(this);
    ws = await loadPaths(['.'], { cwd: CORPUS_DIR, maxFiles: 100_000 });
  });

  it('rests no dlp/mixed-groups finding on a connector the policy does not classify', async () => {
    const policies = corpusFiles((name) => name.endsWith('.json')).filter((f) => f.includes(`${path.sep}dlp${path.sep}`));
    let checked = 0;
    for (const file of policies) {
      for (const environment of ENVIRONMENTS) {
        const project = await loadProject({ cwd: CORPUS_DIR, configFile: undefined, searchFrom: '/', policies: [file], environment });
        if (project.applicable.length === 0 || (environment && project.applicable.every((p) => p.scope.type === 'all'))) continue;
        const result = lintWorkspace(ws, project, allRules);
        for (const finding of result.findings.filter((f) => f.ruleId === 'dlp/mixed-groups')) {
          const flow = ws.flows.find((f) => f.doc.source.path === finding.file);
          assert.ok(flow, finding.file);
          const policy = project.applicable.find((p) => p.name === finding.data?.policy);
          assert.ok(policy);
          for (const step of flow.steps) {
            if (!step.connector) continue;
            const c = classify(policy, step.connector);
            if (c.group) continue;
            // The finding's related locations list every use that counted; an unclassified one must not be among them.
            assert.ok(!(finding.related ?? []).some((r) => r.message.startsWith(`'${step.name}' uses`)), `${finding.file}: '${step.name}' (${step.connector.id}, ${c.unclassified}) counted in a mixed flow`);
          }
          assert.ok(!/Content Conversion/.test(finding.message), 'Content Conversion never makes a flow mixed');
          checked++;
        }
      }
    }
    console.log(`      ${checked} dlp/mixed-groups findings checked over ${policies.length} policy files`);
  });

  it('never puts Content Conversion or an unknown custom connector in a group of a tenant-level policy', async () => {
    const file = corpusFiles((name) => name === 'get_policy_00000000-0000-0000-0000-000000000002.json')[0];
    assert.ok(file, 'the terraform fixture with custom connector URL patterns');
    const project = await loadProject({ cwd: CORPUS_DIR, configFile: undefined, searchFrom: '/', policies: [file], environment: undefined });
    const policy = project.applicable[0];
    assert.ok(policy?.urlPatterns && policy.urlPatterns.length === 2, 'its two URL pattern rules are read');
    const seen = new Map<string, string>();
    for (const flow of ws.flows) {
      for (const step of flow.steps) {
        const connector = step.connector;
        if (!connector || seen.has(connector.id)) continue;
        const c = classify(policy, connector);
        if (connector.id === 'shared_conversionservice') assert.equal(c.unclassified, 'outside-dlp');
        if (connector.custom) {
          assert.equal(c.group, undefined, `${connector.id}: no custom connector host matches http://aaa.com, and * is Ignore`);
          seen.set(connector.id, c.unclassified ?? '');
        }
      }
    }
    console.log(`      custom connectors under its patterns: ${[...seen].map(([id, how]) => `${id} ${how}`).join('; ') || 'none called'}`);
  });
});
