import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { emptyConfig } from '../../../core/config/types';
import { lintWorkspace } from '../../../core/engine/lint-workspace';
import { loadPaths } from '../../../core/workspace/load-paths';
import rule from '../../../rules/secrets/hardcoded-secret';
import { bundledCli } from '../../helpers/cli';
import { FIXTURES } from '../../helpers/fixtures';
import { shapeSamples } from './fake-secrets';

/** A cloud flow whose Compose actions hold `values`, one each. */
function composeFlow(values: string[]): object {
  const actions: Record<string, object> = {};
  values.forEach((value, i) => {
    actions[`Compose_${i}`] = { runAfter: i === 0 ? {} : { [`Compose_${i - 1}`]: ['Succeeded'] }, type: 'Compose', inputs: { note: value } };
  });
  return {
    properties: {
      connectionReferences: {},
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {},
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
        actions,
      },
    },
    schemaVersion: '1.0.0.0',
  };
}

/** Every 8-character piece of a secret: a message may show four characters, never eight. */
function pieces(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) out.push(secret.slice(i, i + 8));
  return out;
}

describe('secrets: no output of the CLI contains a secret', function () {
  this.timeout(120_000);
  let dir: string;
  let secrets: string[];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flowguard-leak-'));
    cpSync(path.join(FIXTURES, 'secrets', 'hardcoded-secret'), path.join(dir, 'fixtures'), { recursive: true });
    writeFileSync(path.join(dir, 'shapes.json'), JSON.stringify(composeFlow(shapeSamples().map((s) => `Use ${s.text} here`)), null, 2));
    // The secrets are what the rule finds, read from the files at the findings' ranges.
    const ws = await loadPaths(['.'], { cwd: dir });
    const result = lintWorkspace(ws, { config: emptyConfig(dir), policies: [], applicable: [], policyFiles: [] }, [rule]);
    const texts = new Map([...ws.flows].map((f) => [f.doc.source.path, f.doc.source]));
    secrets = result.findings.map((f) => {
      const source = texts.get(f.file)!;
      const start = source.lines.offsetAt(f.range.start);
      return source.text.slice(start, source.lines.offsetAt(f.range.end));
    });
    assert.ok(secrets.length >= 20 + shapeSamples().length, `found ${secrets.length}`);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`--format ${format}`, () => {
      const run = bundledCli(['.', '--format', format], dir);
      assert.equal(run.code, 1, run.stderr);
      const output = run.stdout + run.stderr;
      assert.ok(output.includes('secrets/hardcoded-secret'));
      for (const secret of secrets) {
        const leaked = pieces(secret).find((piece) => output.includes(piece));
        assert.equal(leaked, undefined, `output holds part of a ${secret.length}-character secret`);
      }
    });
  }
});
