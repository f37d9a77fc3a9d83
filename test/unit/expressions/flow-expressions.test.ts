import * as assert from 'node:assert/strict';
import { collectExpressions, expressionsByNode, type ExpressionSet } from '../../../core/expressions/flow-expressions';
import type { Flow } from '../../../core/model/types';
import type { Workspace } from '../../../core/workspace/collector';
import { loadPaths } from '../../../core/workspace/load-paths';
import { CORPUS_DIR, requireCorpus } from '../../helpers/corpus';
import { flowFromText } from '../../helpers/fixtures';

const FLOW = JSON.stringify(
  {
    properties: {
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          'Site (cr_site)': { defaultValue: "@body('NotEvaluated')", type: 'String' },
        },
        triggers: {
          manual: {
            type: 'Request',
            kind: 'Http',
            inputs: { schema: {} },
            splitOn: "@triggerBody()?['value']",
            conditions: [{ expression: "@equals(triggerBody()?['status'], 'new')" }],
          },
        },
        actions: {
          Init: {
            type: 'InitializeVariable',
            runAfter: {},
            description: 'Note with a stray @ and @{ that is not evaluated',
            metadata: { operationMetadataId: '@not-an-expression' },
            inputs: { variables: [{ name: 'n', type: 'integer', value: "@length(triggerBody()?['value'])" }] },
          },
          Try: {
            type: 'Scope',
            runAfter: { Init: ['Succeeded'] },
            actions: {
              Loop: {
                type: 'Foreach',
                foreach: "@triggerBody()?['value']",
                actions: {
                  Check: {
                    type: 'If',
                    expression: { and: [{ equals: ["@items('Loop')?['kind']", 'x'] }] },
                    actions: { Yes: { type: 'Compose', inputs: "Yes @{items('Loop')?['id']}" } },
                    else: { actions: { No: { type: 'Compose', inputs: "@variables('n')" } } },
                  },
                },
              },
              Route: {
                type: 'Switch',
                runAfter: { Loop: ['Succeeded'] },
                expression: "@parameters('Site (cr_site)')",
                cases: { Case: { case: 'a', actions: { InCase: { type: 'Compose', inputs: "@outputs('Yes')" } } } },
                default: { actions: { InDefault: { type: 'Compose', inputs: '@{body(\'No\')} @{bad(}' } } },
              },
              Wait: { type: 'Until', expression: "@equals(variables('n'), 0)", limit: { count: 60 }, actions: {} },
            },
          },
        },
        outputs: { result: { type: 'String', value: "@body('Yes')" } },
      },
    },
    schemaVersion: '1.0.0.0',
  },
  null,
  2,
);

function names(set: ExpressionSet): string[] {
  return set.references.map((r) => `${r.kind}:${'name' in r ? r.name : r.fn}`);
}

describe('expressions/collectExpressions', () => {
  const flow = flowFromText(FLOW);
  const found = collectExpressions(flow);
  const of = (step: string): ExpressionSet => {
    const set = found.steps.find((s) => s.step.name === step);
    assert.ok(set, step);
    return set;
  };

  it('gives every step its own references, nested steps included, in flow.steps order', () => {
    assert.deepEqual(found.steps.map((s) => s.step.name), flow.steps.map((s) => s.name));
    assert.deepEqual(names(of('manual')), ['trigger:triggerBody', 'trigger:triggerBody']);
    assert.deepEqual(names(of('Init')), ['trigger:triggerBody']);
    assert.deepEqual(names(of('Loop')), ['trigger:triggerBody']);
    assert.deepEqual(names(of('Check')), ['loop:Loop']);
    assert.deepEqual(names(of('Yes')), ['loop:Loop']);
    assert.deepEqual(names(of('No')), ['variable:n']);
    assert.deepEqual(names(of('Route')), ['parameter:Site (cr_site)']);
    assert.deepEqual(names(of('InCase')), ['action:Yes']);
    assert.deepEqual(names(of('InDefault')), ['action:No']);
    assert.deepEqual(names(of('Wait')), ['variable:n']);
  });

  it("does not walk a container's nested steps as its own, nor notes, metadata and run-after", () => {
    assert.deepEqual(names(of('Try')), []);
    assert.equal(of('Init').expressions.length, 1);
    const all = found.steps.flatMap((s) => s.expressions.map((e) => e.node));
    assert.equal(new Set(all).size, all.length, 'each string is visited once');
  });

  it("reads the definition's outputs but not parameter defaults", () => {
    assert.deepEqual(names(found.outputs), ['action:Yes']);
    const everywhere = [...found.steps, found.outputs].flatMap(names);
    assert.ok(!everywhere.includes('action:NotEvaluated'));
  });

  it('collects errors at their file position and keeps the good interpolations of the same value', () => {
    const [error] = of('InDefault').errors;
    assert.ok(error);
    assert.match(error.message, /Missing '\)' to close the call to bad/);
    assert.equal(FLOW.slice(error.span.offset - 3, error.span.offset + 1), 'bad(');
    const total = found.steps.reduce((n, s) => n + s.errors.length, found.outputs.errors.length);
    assert.equal(total, 1);
  });

  it('points each reference at the string it came from and at its name in the file', () => {
    const [reference] = of('InCase').references;
    assert.ok(reference?.kind === 'action');
    assert.equal(FLOW.slice(reference.span.offset, reference.span.offset + reference.span.length), "'Yes'");
    assert.equal(reference.node.value, "@outputs('Yes')");
    assert.equal(expressionsByNode(flow).get(reference.node)?.parsed.kind, 'expression');
  });

  it('runs once per flow: later calls return the cached result', () => {
    assert.equal(collectExpressions(flow), found);
    assert.notEqual(collectExpressions(flowFromText(FLOW)), found);
  });
});

describe('expressions over the real corpus', function () {
  this.timeout(300_000);
  let ws: Workspace;

  before(async function () {
    requireCorpus(this);
    ws = await loadPaths(['.'], { cwd: CORPUS_DIR, maxFiles: 100_000 });
  });

  it('parses every expression of every real flow without an error', () => {
    const started = performance.now();
    let expressions = 0;
    const kinds = new Map<string, number>();
    const errors: string[] = [];
    const sets = (flow: Flow): ExpressionSet[] => {
      const found = collectExpressions(flow);
      return [...found.steps, found.outputs];
    };
    for (const flow of ws.flows) {
      for (const set of sets(flow)) {
        expressions += set.expressions.length;
        for (const r of set.references) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
        for (const e of set.errors) {
          const text = flow.doc.source.text;
          errors.push(`${flow.doc.source.path}@${e.span.offset}: ${e.message} ${JSON.stringify(text.slice(e.span.offset - 40, e.span.offset + 40))}`);
        }
      }
    }
    const ms = performance.now() - started;
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    console.log(`      ${ws.flows.length} flows: ${expressions} string values with expressions, ${total} references (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}) in ${ms.toFixed(0)} ms`);
    assert.deepEqual(errors, []);
    assert.ok(ws.flows.length === 0 || expressions > 0);
  });

  it('gives spans that point at the name in the file', () => {
    let checked = 0;
    for (const flow of ws.flows) {
      const text = flow.doc.source.text;
      for (const set of collectExpressions(flow).steps) {
        for (const r of set.references) {
          if (r.kind !== 'action' && r.kind !== 'variable' && r.kind !== 'parameter' && r.kind !== 'loop') continue;
          const raw = text.slice(r.span.offset, r.span.offset + r.span.length);
          // The raw text may spell a quote or a character as a JSON escape; decoded it is the literal.
          const decoded = JSON.parse(`"${raw}"`) as string;
          assert.equal(decoded, `'${r.name.replace(/'/g, "''")}'`, `${flow.doc.source.path}@${r.span.offset}`);
          checked++;
        }
      }
    }
    console.log(`      ${checked} named references point at their literal`);
  });
});
