import { entries, type JsonNode } from '../../core/artifacts/json';
import { defineRule, type LintContext, type SolutionLintContext } from '../../core/engine/rule';
import type { EnvironmentVariable } from '../../core/model/types';
import { strongestCredentialName } from '../../core/secrets/credential-name';
import { findSecrets } from '../../core/secrets/detect';
import { secretLabel } from '../../core/secrets/kinds';
import { isPlaceholder } from '../../core/secrets/placeholder';

/** Phrases in a description that say the value is a credential; "secret name" or "token URL" do not. */
const CREDENTIAL_PHRASE = /\b(password|passphrase|client secret|app secret|api key|access key|account key|shared key|subscription key|private key|connection string|access token|bearer token|secret value)\b(?!\s*(name|id|url|uri|expir|date|version))/i;

function aOrAn(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

function saysCredential(variable: EnvironmentVariable): string | undefined {
  const named = strongestCredentialName([variable.schemaName, variable.displayName]);
  if (named) return `its name says it holds ${aOrAn(secretLabel(named.kind))}`;
  if (variable.description && CREDENTIAL_PHRASE.test(variable.description)) return 'its description says it holds a credential';
  return undefined;
}

function valueLooksSecret(variable: EnvironmentVariable): string | undefined {
  for (const [value, which] of [[variable.value, 'its value'], [variable.defaultValue, 'its default value']] as const) {
    if (!value || isPlaceholder(value)) continue;
    const match = findSecrets(value)[0];
    if (match) return `${which} looks like ${aOrAn(secretLabel(match.kind))}`;
  }
  return undefined;
}

function checkEnvironmentVariables(ctx: SolutionLintContext): void {
  if (ctx.target.kind !== 'solution') return;
  for (const variable of ctx.target.solution.environmentVariables) {
    if (variable.type === 'Secret' || variable.type === 'DataSource') continue;
    const why = saysCredential(variable) ?? valueLooksSecret(variable);
    if (!why) continue;
    ctx.report({
      at: variable.definitionAt,
      message: `Environment variable '${variable.schemaName}' is of type ${variable.type}, but ${why}. Its value is stored in plain text in the solution and readable by every maker in the environment; make it of type Secret (kept in Azure Key Vault) instead.`,
      data: { variable: variable.schemaName, type: variable.type },
    });
  }
}

/** A secure parameter's default is stored in the flow definition in plain text. */
function hasLiteralContent(node: JsonNode): boolean {
  if (node.type === 'string') return String(node.value).trim() !== '' && !isPlaceholder(String(node.value));
  if (node.type === 'object') return entries(node).length > 0;
  if (node.type === 'array') return (node.children?.length ?? 0) > 0;
  return node.type === 'number' || node.type === 'boolean';
}

function checkSecureParameters(ctx: LintContext): void {
  for (const parameter of ctx.flow.parameters) {
    const type = parameter.type?.toLowerCase();
    if ((type !== 'securestring' && type !== 'secureobject') || !parameter.defaultValue || !hasLiteralContent(parameter.defaultValue)) continue;
    ctx.report({
      node: parameter.defaultValue,
      message: `Parameter '${parameter.name}' is a ${parameter.type}, but its default value is written in the flow definition in plain text. Leave the default empty and supply the value at deployment (an environment variable of type Secret, or Key Vault).`,
      data: { parameter: parameter.name },
    });
  }
}

export default defineRule({
  meta: {
    id: 'secrets/plaintext-secret-variable',
    category: 'secrets',
    defaultSeverity: 'warning',
    description: "A secret kept in a plain environment variable or a secure parameter's literal default.",
    help:
      'Environment variables of type Text, Number or JSON are stored in the solution and in Dataverse in plain text: ' +
      'anyone who can export the solution or read the table sees them. Only the Secret type keeps the value in Azure ' +
      'Key Vault. Likewise a SecureString parameter hides its value in run history, but a literal default is written ' +
      'into the flow definition. Use a Secret environment variable for credentials.',
    fixable: false,
    security: { severity: 7.0 },
    // Measured: 5 findings in the corpus, all true; the rule goes by names and shapes.
    precision: 'high',
    tags: ['security', 'external/cwe/cwe-312'],
    key: ['variable', 'parameter'],
  },
  check: checkSecureParameters,
  checkSolution: checkEnvironmentVariables,
});
