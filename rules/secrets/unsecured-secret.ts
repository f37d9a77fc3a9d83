import { entries, prop, str, type JsonNode } from '../../core/artifacts/json';
import { rangeOf } from '../../core/artifacts/source';
import { isPassThrough, isVariableWriter, type Read } from '../../core/analysis/dataflow';
import { secretSource, type SecretSourceKind } from '../../core/analysis/secret-sources';
import { readsTriggerInput, triggerSecretInputs } from '../../core/analysis/trigger-secrets';
import { securedProperties, supportsSecureData } from '../../core/analysis/secure-data';
import { traceForward, type DataPath } from '../../core/analysis/trace';
import { defineRule, type LintContext } from '../../core/engine/rule';
import type { RelatedLocation } from '../../core/findings';
import type { Step } from '../../core/model/types';
import { credentialName } from '../../core/secrets/credential-name';
import { secureDataFixes } from '../../core/fixes/secure-data';

const SOURCE_LABEL = { 'key-vault': 'Azure Key Vault', 'secret-environment-variable': 'a Secret environment variable' } as const;

/** Where the unsecured secret is first shown: the reading action's outputs, or the trigger's. */
function sourceMessage(step: Step, kind: SecretSourceKind): string {
  if (kind === 'trigger-input') {
    const inputs = triggerSecretInputs(step).map((i) => `'${i.label}'`).join(', ');
    return `Trigger '${step.name}' takes the credential input ${inputs} without secure outputs, so the value the caller sends is shown in the flow's run history. Turn on Secure outputs in its settings.`;
  }
  return `'${step.name}' reads a secret from ${SOURCE_LABEL[kind]} without secure outputs, so the secret is shown in the flow's run history. Turn on Secure outputs in its settings.`;
}

/** Authentication types that carry a credential in the action's inputs (not managed identity). */
const CREDENTIAL_AUTH = new Set(['basic', 'clientcertificate', 'activedirectoryoauth', 'raw']);

function hopsRelated(ctx: LintContext, path: DataPath): RelatedLocation[] {
  const source = ctx.flow.doc.source;
  return [path.source, ...path.hops.slice(0, -1).map((h) => h.step)].map((step, i) => ({
    file: source.path,
    range: rangeOf(source, { offset: step.nameNode.offset, length: step.nameNode.length }),
    message: step === path.source ? `The secret is read here ('${step.name}')` : `passed on by '${step.name}' (${step.type})`,
    hop: i + 1,
  }));
}

function checkSource(ctx: LintContext, step: Step, advised: Set<Step>): void {
  const kind = secretSource(step);
  if (!kind) return;
  const secured = securedProperties(step);
  if (!secured.has('outputs')) {
    ctx.report({
      node: step.nameNode,
      step,
      message: sourceMessage(step, kind),
      data: { kind: 'source-outputs', secure: 'outputs' },
      fixes: () => secureDataFixes(ctx.flow.doc, step, 'outputs'),
    });
    // A Key Vault or environment variable read has one place to fix first. A caller's
    // credential kept in a variable stays readable whatever the trigger's settings (variables
    // cannot be secured), so for a trigger the variables are reported at once.
    if (kind !== 'trigger-input') return;
  }
  // The platform hides the inputs of actions that read a secured output directly, but not of
  // actions that get it through Compose, Parse JSON or a variable.
  const inputs = kind === 'trigger-input' ? triggerSecretInputs(step) : [];
  const paths = traceForward(ctx.flow, step, {
    isSink: (reader) => !isPassThrough(reader),
    ...(kind === 'trigger-input' ? { readsSource: (read: Read) => readsTriggerInput(read, inputs) } : {}),
  });
  for (const path of paths) {
    const sink = path.sink;
    const throughVariable = path.hops.find((h) => isVariableWriter(h.step));
    if (isVariableWriter(sink) && path.hops.length === 1) {
      ctx.report({
        node: sink.nameNode,
        step: sink,
        message: `'${sink.name}' stores the secret from '${step.name}' in a variable; variables cannot be secured, so it is shown in run history. ${kind === 'trigger-input' ? 'Read the trigger input' : 'Use the secured output'} directly where it is needed.`,
        related: hopsRelated(ctx, path),
        data: { kind: 'variable' },
      });
      continue;
    }
    if (path.hops.length < 2 || isVariableWriter(sink) || !supportsSecureData(sink) || securedProperties(sink).has('inputs')) continue;
    const via = path.hops.slice(0, -1).map((h) => `'${h.step.name}'`).join(', ');
    advised.add(sink);
    ctx.report({
      node: sink.nameNode,
      step: sink,
      message: `'${sink.name}' uses the secret from '${step.name}' passed on through ${via}${throughVariable ? ' (a variable)' : ''}, which the platform does not hide again, and has no secure inputs. Turn on Secure inputs for '${sink.name}'.`,
      related: hopsRelated(ctx, path),
      data: { kind: 'passed-on', secure: 'inputs' },
      fixes: () => secureDataFixes(ctx.flow.doc, sink, 'inputs'),
    });
  }
}

/** The first credential an HTTP action carries in its inputs: an authentication block or a credential header. */
function carriedCredential(step: Step): { node: JsonNode; what: string } | undefined {
  const authentication = prop(step.inputs, 'authentication');
  const type = str(prop(authentication, 'type'))?.toLowerCase();
  if (authentication && type && CREDENTIAL_AUTH.has(type)) {
    const value = str(prop(authentication, 'value')) ?? '';
    // The connection key of connector actions is not a credential the flow holds.
    if (!(type === 'raw' && value.includes('X-MS-APIM-Tokens'))) return { node: authentication, what: `${str(prop(authentication, 'type'))} authentication` };
  }
  for (const [key, value] of entries(prop(step.inputs, 'headers'))) {
    const header = String(key.value);
    if (credentialName(header) && (str(value) ?? '').trim() !== '') return { node: key, what: `the ${header} header` };
  }
  return undefined;
}

function checkHttp(ctx: LintContext, step: Step, advised: Set<Step>): void {
  const type = step.type.toLowerCase();
  if (step.kind !== 'action' || (type !== 'http' && type !== 'httpwebhook') || advised.has(step)) return;
  if (securedProperties(step).has('inputs')) return;
  const carried = carriedCredential(step);
  if (!carried) return;
  ctx.report({
    node: carried.node,
    step,
    message: `HTTP action '${step.name}' sends ${carried.what} without secure inputs, so the credential is shown in the flow's run history, even when it comes from a parameter. Turn on Secure inputs for '${step.name}'.`,
    data: { kind: 'http-credentials', secure: 'inputs' },
    fixes: () => secureDataFixes(ctx.flow.doc, step, 'inputs'),
  });
}

export default defineRule({
  meta: {
    id: 'secrets/unsecured-secret',
    category: 'secrets',
    defaultSeverity: 'warning',
    description: 'Secret material that will be readable in run history.',
    help:
      "Anyone who can see a flow's run history sees every action's inputs and outputs unless the action's Secure " +
      'inputs / Secure outputs settings are on. Secrets read from Key Vault or a Secret environment variable, ' +
      'credentials an HTTP action sends, and secrets passed on through Compose, Parse JSON or a variable (which the ' +
      'platform does not hide again) must be secured where they appear.',
    fixable: true,
    security: { severity: 5.5 },
    // Measured: 67 findings in the corpus, sampled: each a secret shown in run history.
    precision: 'high',
    tags: ['security', 'external/cwe/cwe-532'],
    key: ['kind'],
  },
  check(ctx) {
    // One finding per action that needs secure inputs, however many reasons it has.
    const advised = new Set<Step>();
    // forEach: no iterator result per step in code the JIT has not optimised yet.
    ctx.flow.steps.forEach((step) => checkSource(ctx, step, advised));
    ctx.flow.steps.forEach((step) => checkHttp(ctx, step, advised));
  },
});
