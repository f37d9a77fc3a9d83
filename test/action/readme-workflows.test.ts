import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { actionManifest, type ActionStep } from '../helpers/action-runner';
import { ROOT } from '../helpers/fixtures';

// The README's workflows get copied as they are, so they must be safe as written: no value from
// the event pasted into a script (a branch name can hold `$(...)`), no token left in .git/config,
// third-party actions pinned by commit, and steps that read FlowGuard's outputs run only when
// FlowGuard ran.

const yaml = require('js-yaml') as { load(text: string): unknown };

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: ActionStep[] }>;
}

function readmeWorkflows(): Workflow[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## GitHub Action\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => yaml.load(m[1]!) as Workflow).filter((w) => w.jobs);
}

describe('GitHub Action: the workflows in the README', () => {
  const workflows = readmeWorkflows();
  const inputs = actionManifest().inputs;

  it('are there', () => assert.ok(workflows.length > 0));

  for (const [i, workflow] of workflows.entries()) {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const flowguard = steps.find((s) => s.uses?.startsWith('flowguard/flowguard@'));

    describe(`workflow ${i + 1}`, () => {
      it('grants the token only the permissions it names', () => assert.ok(workflow.permissions && workflow.permissions.contents === 'read'));

      it('paste no expression into a script: values reach it through env', () => {
        for (const s of steps.filter((x) => x.run)) assert.ok(!s.run!.includes('${{'), s.run);
      });

      it('check out without persisting the token', () => {
        for (const s of steps.filter((x) => x.uses?.startsWith('actions/checkout@'))) assert.equal(s.with?.['persist-credentials'], false, s.uses);
      });

      it('pin third-party actions by a full commit SHA', () => {
        for (const s of steps.filter((x) => x.uses && x !== flowguard)) assert.match(s.uses!, /@[0-9a-f]{40}$/, s.uses);
      });

      it("use FlowGuard's current inputs", () => {
        assert.ok(flowguard?.id, 'the FlowGuard step has an id for its outputs');
        for (const name of Object.keys(flowguard.with ?? {})) {
          assert.ok(inputs[name], `action.yml has no input ${name}`);
          assert.equal(inputs[name]!.deprecationMessage, undefined, `${name} is deprecated`);
        }
      });

      it("run the steps that read FlowGuard's outputs only when FlowGuard ran", () => {
        const readers = steps.filter((s) => s !== flowguard && JSON.stringify(s).includes(`steps.${flowguard!.id}.outputs.`));
        for (const s of readers) assert.ok(s.if?.includes(`steps.${flowguard!.id}.outputs.exit-code != ''`), `${s.name}: ${s.if}`);
      });
    });
  }
});
