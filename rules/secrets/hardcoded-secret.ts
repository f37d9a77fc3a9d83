import { stepSecrets } from '../../core/analysis/step-secrets';
import { defineRule, type LintContext, type SolutionLintContext } from '../../core/engine/rule';
import type { CustomConnector, EnvironmentVariable, SourceRef, Step } from '../../core/model/types';
import { strongestCredentialName } from '../../core/secrets/credential-name';
import { findSecrets, type ValueRole } from '../../core/secrets/detect';
import { findSecretsInCode } from '../../core/secrets/scan-code';
import { describeField, describeInValue, secretMessage } from '../../core/secrets/message';
import { formatPath, scanJson, type JsonSecret } from '../../core/secrets/scan-json';
import { jsonStringSpans, xmlTextSpans, type SpanMapper } from '../../core/secrets/source-span';
import { secretParameterFixes } from '../../core/fixes/secret-parameter';

const FLOW_ADVICE =
  'Read it at run time from an environment variable of type Secret or from Azure Key Vault (and turn on secure inputs), never from the flow definition.';
const PARAMETER_ADVICE = 'Remove the default value and supply it from an environment variable of type Secret (Azure Key Vault).';
const VARIABLE_ADVICE = 'Make it an environment variable of type Secret (stored in Azure Key Vault) and remove the value from the solution.';
const SETTINGS_ADVICE = 'Supply it at deployment time from a secret pipeline variable (a #{...}# token) or use an environment variable of type Secret.';

/**
 * `fieldPrefix` leads from the step or the definition to the scanned node, for `data.field`.
 * The finding points at the secret itself inside its string, escapes accounted for.
 */
function reportInFlow(ctx: LintContext, found: JsonSecret, where: string, advice: string, step?: Step, fieldPrefix: string[] = []): void {
  const value = found.node.value as string;
  const secret = value.slice(found.match.start, found.match.end);
  const spans = jsonStringSpans(ctx.flow.doc.source.text, { offset: found.node.offset, length: found.node.length }, value);
  const span = spans(found.match.start, found.match.end);
  ctx.report({
    span,
    step,
    message: secretMessage(found.match, secret, where, describeField(found.path, found.match), advice),
    data: { kind: found.match.kind, field: formatPath([...fieldPrefix, ...found.path]) },
    // Parameter defaults are reported for the plaintext they hold; moving them would not help.
    fixes: () => (step && fieldPrefix.length === 0 ? secretParameterFixes({ flow: ctx.flow, step, node: found.node, path: found.path, match: found.match, span }) : []),
  });
}

function checkSteps(ctx: LintContext): void {
  // forEach: no iterator result per step in code the JIT has not optimised yet.
  ctx.flow.steps.forEach((step) => {
    // Nested actions are steps of their own; scanning them here too would report them twice.
    const found = stepSecrets(step);
    if (found.length === 0) return;
    const label = `${step.kind === 'trigger' ? 'trigger' : 'action'} '${step.name}'`;
    for (const f of found) reportInFlow(ctx, f, label, FLOW_ADVICE, step);
  });
}

function checkParameters(ctx: LintContext): void {
  for (const parameter of ctx.flow.parameters) {
    if (!parameter.defaultValue) continue;
    // "Display name (schemaname)" for environment variables: either half may name a credential.
    const names = [parameter.name, parameter.name.replace(/\s*\([^()]*\)$/, ''), parameter.schemaName];
    const role: ValueRole = { name: strongestCredentialName(names) };
    for (const found of scanJson(parameter.defaultValue, { role })) {
      const where = `the default value of parameter '${parameter.name}'`;
      reportInFlow(ctx, found, where, PARAMETER_ADVICE, undefined, ['parameters', parameter.name, 'defaultValue']);
    }
  }
}

/** Variable types whose values are never credentials by name alone ('yes', 42, a data source id). */
const NOT_BY_NAME = new Set<EnvironmentVariable['type']>(['Boolean', 'Number', 'DataSource', 'Secret']);

function reportValue(ctx: SolutionLintContext, value: string, at: SourceRef, spans: SpanMapper, role: ValueRole, where: string, field: string, advice: string): void {
  for (const match of findSecrets(value, role)) {
    const secret = value.slice(match.start, match.end);
    ctx.report({
      at: { source: at.source, span: spans(match.start, match.end) },
      message: secretMessage(match, secret, where, describeInValue(match), advice),
      data: { kind: match.kind, field },
    });
  }
}

function checkEnvironmentVariables(ctx: SolutionLintContext, variables: readonly EnvironmentVariable[]): void {
  for (const variable of variables) {
    const role: ValueRole = NOT_BY_NAME.has(variable.type) ? {} : { name: strongestCredentialName([variable.schemaName, variable.displayName]) };
    const name = `environment variable '${variable.schemaName}'`;
    if (variable.defaultValue !== undefined && variable.defaultValueAt) {
      const at = variable.defaultValueAt;
      reportValue(ctx, variable.defaultValue, at, xmlTextSpans(at.source.text, at.span, variable.defaultValue), role, `the default value of ${name}`, 'defaultvalue', VARIABLE_ADVICE);
    }
    if (variable.value !== undefined && variable.valueAt) {
      const at = variable.valueAt;
      reportValue(ctx, variable.value, at, jsonStringSpans(at.source.text, at.span, variable.value), role, `the current value of ${name}`, 'value', VARIABLE_ADVICE);
    }
  }
}

const CONNECTOR_ADVICE =
  'Leave credentials out of the connector: let each connection supply them (a securestring connection parameter), or read them from Azure Key Vault in the custom code.';

/**
 * A custom connector travels with every copy of the solution: literal credentials in its OpenAPI
 * definition (parameter defaults, examples), its connection parameters (defaults, OAuth client
 * secrets), its policy templates (set-header values) or its custom code are readable by anyone
 * with the export.
 */
function checkCustomConnectors(ctx: SolutionLintContext, connectors: readonly CustomConnector[]): void {
  for (const connector of connectors) {
    const label = `custom connector '${connector.title}'`;
    for (const doc of [...(connector.definition ? [connector.definition] : []), ...connector.jsonFiles]) {
      for (const found of scanJson(doc.root)) {
        const value = found.node.value as string;
        const spans = jsonStringSpans(doc.source.text, { offset: found.node.offset, length: found.node.length }, value);
        const secret = value.slice(found.match.start, found.match.end);
        ctx.report({
          at: { source: doc.source, span: spans(found.match.start, found.match.end) },
          message: secretMessage(found.match, secret, `${label} (${fileName(doc.source.path)})`, describeField(found.path, found.match), CONNECTOR_ADVICE),
          data: { kind: found.match.kind, field: formatPath(found.path) },
        });
      }
    }
    const code = connector.customCode;
    if (code) {
      for (const match of findSecretsInCode(code.text)) {
        ctx.report({
          at: { source: code, span: { offset: match.start, length: match.end - match.start } },
          message: secretMessage(match, code.text.slice(match.start, match.end), `the custom code of ${label}`, describeInValue(match), CONNECTOR_ADVICE),
          data: { kind: match.kind, field: 'customcode' },
        });
      }
    }
  }
}

function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
}

function checkDeploymentSettings(ctx: SolutionLintContext): void {
  if (ctx.target.kind !== 'deployment-settings') return;
  const { doc, environmentVariables } = ctx.target.settings;
  environmentVariables.forEach((variable, i) => {
    const node = variable.valueNode;
    if (variable.value === undefined || !node) return;
    const at: SourceRef = { source: doc.source, span: { offset: node.offset, length: node.length } };
    const role: ValueRole = { name: strongestCredentialName([variable.schemaName]) };
    const where = `the value of environment variable '${variable.schemaName}'`;
    reportValue(ctx, variable.value, at, jsonStringSpans(doc.source.text, at.span, variable.value), role, where, `EnvironmentVariables[${i}].Value`, SETTINGS_ADVICE);
  });
}

export default defineRule({
  meta: {
    id: 'secrets/hardcoded-secret',
    category: 'secrets',
    defaultSeverity: 'error',
    description: 'A password, key, token or other credential is written into a flow, an environment variable, deployment settings or a custom connector.',
    help:
      'Anyone who can read the export (the solution zip, the source repository, a backup) can read a credential written ' +
      'into a flow action, a parameter default, an environment variable value, deploymentSettings.json or a custom ' +
      'connector (its definition, connection parameters, policy templates or custom code), and it cannot be ' +
      'rotated without editing every copy. Keep credentials in Azure Key Vault, reach them through environment variables ' +
      'of type Secret or the Key Vault connector, turn on secure inputs for the actions that use them, and let the ' +
      'pipeline inject deployment values from secret variables.',
    fixable: true,
    security: { severity: 9.1 },
    // Measured: 16 findings in the corpus, each read and confirmed a real credential.
    precision: 'very-high',
    tags: ['security', 'external/cwe/cwe-798'],
    key: ['kind', 'field'],
  },
  check(ctx) {
    checkSteps(ctx);
    checkParameters(ctx);
  },
  checkSolution(ctx) {
    if (ctx.target.kind === 'solution') {
      checkEnvironmentVariables(ctx, ctx.target.solution.environmentVariables);
      checkCustomConnectors(ctx, ctx.target.solution.customConnectors);
    } else {
      checkDeploymentSettings(ctx);
    }
  },
});
