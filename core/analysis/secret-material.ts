import { items, prop, str, type JsonNode } from '../artifacts/json';
import type { Flow, FlowParameter, Step } from '../model/types';
import { strongestCredentialName } from '../secrets/credential-name';
import type { ValueRole } from '../secrets/detect';
import { secretLabel, type SecretKind } from '../secrets/kinds';
import { scanJson } from '../secrets/scan-json';
import { inputSecrets } from './step-secrets';
import { jsonStringSpans } from '../secrets/source-span';
import type { Span } from '../text/range';
import { isVariableWriter } from './dataflow';
import { secretSource } from './secret-sources';
import { triggerSecretInputs, type TriggerSecretInput } from './trigger-secrets';

/** Secret material in a flow, and where its value starts travelling. */
export type SecretStart =
  /** Read at run time by an action (Key Vault, a Secret environment variable) or sent in by the trigger's caller. */
  | { kind: 'key-vault' | 'secret-environment-variable'; step: Step; description: string }
  | { kind: 'trigger-input'; step: Step; inputs: TriggerSecretInput[]; description: string }
  /** A flow parameter that holds a secret: secure, a Secret environment variable, or with a secret written as its default. */
  | { kind: 'secure-parameter' | 'secret-parameter' | 'hardcoded-parameter'; parameter: FlowParameter; description: string }
  /**
   * Written into an action: `step` holds it at `node` (a string), `span` being the secret itself.
   * `variable` is set when the action is a variable writer and the secret is that variable's value.
   */
  | { kind: 'hardcoded'; step: Step; node: JsonNode; span: Span; variable?: string; description: string };

function fromSteps(flow: Flow): SecretStart[] {
  const out: SecretStart[] = [];
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    const kind = secretSource(step);
    if (kind === 'key-vault') out.push({ kind, step, description: `the secret that '${step.name}' reads from Azure Key Vault` });
    else if (kind === 'secret-environment-variable') out.push({ kind, step, description: `the Secret environment variable that '${step.name}' reads` });
    else if (kind === 'trigger-input') {
      const inputs = triggerSecretInputs(step);
      out.push({ kind, step, inputs, description: `the credential input ${inputs.map((i) => `'${i.label}'`).join(', ')} of trigger '${step.name}'` });
    }
  }
  return out;
}

/** Parameters the platform fills itself: the connections and the connectors' authentication. */
function isPlatformParameter(parameter: FlowParameter): boolean {
  return parameter.name.startsWith('$');
}

function fromParameters(flow: Flow): SecretStart[] {
  const out: SecretStart[] = [];
  const secretVariables = new Set((flow.solution?.environmentVariables ?? []).filter((v) => v.type === 'Secret').map((v) => v.schemaName.toLowerCase()));
  for (const parameter of flow.parameters) {
    if (isPlatformParameter(parameter)) continue;
    const type = parameter.type?.toLowerCase();
    if (parameter.schemaName && secretVariables.has(parameter.schemaName.toLowerCase())) {
      out.push({ kind: 'secret-parameter', parameter, description: `the Secret environment variable '${parameter.name}'` });
    } else if (type === 'securestring' || type === 'secureobject') {
      out.push({ kind: 'secure-parameter', parameter, description: `the ${parameter.type} parameter '${parameter.name}'` });
    } else if (parameter.defaultValue) {
      // As secrets/hardcoded-secret reads defaults: the parameter's name gives the value its role.
      const names = [parameter.name, parameter.name.replace(/\s*\([^()]*\)$/, ''), parameter.schemaName];
      const role: ValueRole = { name: strongestCredentialName(names) };
      const found = scanJson(parameter.defaultValue, { role })[0];
      if (found) out.push({ kind: 'hardcoded-parameter', parameter, description: `the ${secretLabel(found.match.kind)} written as the default of parameter '${parameter.name}'` });
    }
  }
  return out;
}

/** The variable whose value `node` is written in, for a variable writer. */
function variableOf(step: Step, node: JsonNode): string | undefined {
  const inside = (root: JsonNode | undefined) => !!root && node.offset >= root.offset && node.offset < root.offset + root.length;
  if (step.type.toLowerCase() === 'initializevariable') {
    const declaration = items(prop(step.inputs, 'variables')).find((d) => inside(prop(d, 'value')));
    return str(prop(declaration, 'name'))?.toLowerCase();
  }
  return inside(prop(step.inputs, 'value')) ? str(prop(step.inputs, 'name'))?.toLowerCase() : undefined;
}

/**
 * Secrets written into actions' inputs, where they can travel on: into a Compose (or another
 * pass-through action), a variable, or straight into the action that sends them. A secret
 * written anywhere else is left to secrets/hardcoded-secret, which reports every one.
 */
function fromLiterals(flow: Flow): SecretStart[] {
  const out: SecretStart[] = [];
  const text = flow.doc.source.text;
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    if (step.kind !== 'action' || !step.inputs) continue;
    for (const found of inputSecrets(step)) {
      const value = found.node.value as string;
      const span = jsonStringSpans(text, { offset: found.node.offset, length: found.node.length }, value)(found.match.start, found.match.end);
      const kind: SecretKind = found.match.kind;
      const description = `the ${secretLabel(kind)} written in '${step.name}'`;
      const variable = isVariableWriter(step) ? variableOf(step, found.node) : undefined;
      if (isVariableWriter(step) && !variable) continue;
      out.push({ kind: 'hardcoded', step, node: found.node, span, ...(variable ? { variable } : {}), description });
    }
  }
  return out;
}

/** Every piece of secret material in a flow, in document order of its kind. */
export function secretStarts(flow: Flow): SecretStart[] {
  return [...fromSteps(flow), ...fromParameters(flow), ...fromLiterals(flow)];
}
