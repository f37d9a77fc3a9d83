import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { actionManifest, parseOutputFile, type ActionStep } from '../helpers/action-runner';
import { ROOT } from '../helpers/fixtures';

// What action.yml promises besides the Lint step itself: nothing installed in the user's job,
// third-party actions pinned by commit, every input reaching FlowGuard, the upload and its
// fallback wired to the Lint step's outputs.

const manifest = actionManifest();
const steps = manifest.runs.steps;
const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

function step(id: string): ActionStep {
  const found = steps.find((s) => s.id === id);
  assert.ok(found, `action.yml has a step with id ${id}`);
  return found;
}

/** Runs a step's script as the runner's bash would, with `env`. */
function runScript(s: ActionStep, env: Record<string, string>): { code: number; stdout: string; outputs: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowguard-step-'));
  try {
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, ...env } });
    return { code: result.status ?? -1, stdout: result.stdout, outputs: parseOutputFile(readFileSync(output, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('GitHub Action: action.yml', () => {
  it('is a composite action that installs and builds nothing: it runs the committed bundle', () => {
    assert.equal(manifest.runs.using, 'composite');
    for (const s of steps.filter((x) => x.run)) assert.doesNotMatch(s.run!, /\bnpm\b|\bnpx\b|\byarn\b|\bpnpm\b/, `step '${s.name}' installs or builds`);
    assert.match(step('lint').run!, /^node "\$GITHUB_ACTION_PATH\/dist-action\/action\.js"$/);
    assert.ok(existsSync(path.join(ROOT, 'dist-action', 'action.js')));
  });

  it('pins every action it uses by a full commit SHA, with the version in a comment', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
    assert.deepEqual(uses.map((u) => u.split('@')[0]).sort(), ['actions/setup-node', 'github/codeql-action/upload-sarif']);
    for (const u of uses) {
      assert.match(u, /@[0-9a-f]{40}$/, u);
      assert.match(text, new RegExp(`uses: ${u.replace(/[/.]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`), `${u} has a '# vX.Y.Z' comment`);
    }
  });

  it('sets up Node.js only where the runner has no Node.js 20 or later', () => {
    const check = runScript(step('node'), {});
    assert.equal(check.code, 0);
    assert.equal(check.outputs.found, Number(process.versions.node.split('.')[0]) >= 20 ? 'true' : undefined);
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    assert.equal(setup?.if, "${{ steps.node.outputs.found != 'true' }}");
    assert.equal(String(setup?.with?.['node-version']), '20');
  });

  it('hands every input to the Lint step as INPUT_<NAME>, and pastes none into a script', () => {
    const env = step('lint').env ?? {};
    for (const name of Object.keys(manifest.inputs)) {
      assert.equal(env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, `input ${name}`);
    }
    for (const s of steps.filter((x) => x.run)) assert.ok(!s.run!.includes('${{'), `step '${s.name}' interpolates an expression into its script`);
  });

  it('has the inputs the issue names, and keeps the old ones as deprecated aliases', () => {
    for (const name of ['paths', 'policy', 'config', 'environment', 'baseline', 'max-warnings', 'format', 'upload-sarif', 'fail-on']) assert.ok(manifest.inputs[name], name);
    assert.equal(manifest.inputs['upload-sarif']!.default, 'auto');
    assert.equal(manifest.inputs['fail-on']!.default, 'error');
    for (const old of ['path', 'fail-on-findings']) assert.match(manifest.inputs[old]!.deprecationMessage ?? '', /deprecated/, old);
  });

  it('takes every output from the Lint step', () => {
    for (const [name, output] of Object.entries(manifest.outputs)) assert.equal(output.value, `\${{ steps.lint.outputs.${name} }}`, name);
  });

  it('uploads only when the Lint step decided so, even after findings failed it, and goes on when the upload fails', () => {
    const upload = step('upload');
    assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@/);
    assert.equal(upload.if, "${{ always() && steps.lint.outputs.upload-sarif == 'true' }}");
    assert.equal(upload['continue-on-error'], true);
    assert.equal(upload.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.equal(upload.with?.category, 'flowguard');
  });

  describe('when the upload fails', () => {
    const fallback = steps.find((s) => s.if?.includes("steps.upload.outcome == 'failure'"));
    let dir: string;
    let annotationsFile: string;
    const annotations = '::error file=flows/payroll.json,line=43,title=secrets/hardcoded-secret::Hardcoded password\nFlowGuard: 1 problem (1 error, 0 warnings, 0 infos) in 1 file, 1 flow.\n';
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'flowguard-fallback-'));
      annotationsFile = path.join(dir, 'annotations.txt');
      writeFileSync(annotationsFile, annotations);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('prints the annotations the Lint step wrote, and passes with upload-sarif auto', () => {
      assert.ok(fallback?.run, 'a step runs when the upload fails');
      assert.equal(fallback.env?.ANNOTATIONS, '${{ steps.lint.outputs.annotations-file }}');
      const run = runScript(fallback, { ANNOTATIONS: annotationsFile, UPLOAD_SARIF: 'auto' });
      assert.equal(run.code, 0);
      assert.ok(run.stdout.startsWith('::warning title=FlowGuard::The SARIF upload failed'), run.stdout);
      assert.ok(run.stdout.endsWith(annotations), run.stdout);
    });

    it('fails the action when upload-sarif is true', () => {
      const run = runScript(fallback!, { ANNOTATIONS: annotationsFile, UPLOAD_SARIF: 'true' });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /::error title=FlowGuard::upload-sarif is true, and the upload failed\./);
    });
  });
});
