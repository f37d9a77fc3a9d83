/**
 * Builders of real-shaped flow exports for the hostile suite: the cases below only vary what a
 * hostile export would vary, so every other part stays what the loaders expect.
 */

/** Planted in the cases; no output or written file may hold any 8-character piece of them. */
export const SECRETS = {
  password: 'Vq7hTm2WpXz9sLr4Ks8d',
  githubToken: 'ghp_R8bT3kW9qZ2mX7vL4pN6sD1fH5jC0aY8eU3',
} as const;

/** URL-borne secrets, masked by another part of the project; kept separate so a report can name them. */
export const URL_SECRETS = {
  sig: 'Xk3vQ9mZr7TpW2nLc8YbF4sHd6GjA1eK0uV5oRi9',
  code: 'Qw8eRt5yUi2oPa7sDf4gHj1kLz9xCv3bNm6QwE0rTy',
  userinfo: 'Pz6mK9rT2vW7qX4n',
} as const;

export type Actions = Record<string, unknown>;

const MANUAL_TRIGGER = { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } };

/** A solution cloud flow (FORMATS.md section 1) holding `actions`. */
export function flowDocument(actions: Actions, triggers: Record<string, unknown> = MANUAL_TRIGGER): Record<string, unknown> {
  return {
    properties: {
      connectionReferences: {},
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers,
        actions,
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  };
}

export function flowJson(actions: Actions, triggers?: Record<string, unknown>): string {
  return JSON.stringify(flowDocument(actions, triggers), null, 2);
}

/** An HTTP action that holds a hardcoded Basic password: a finding whose message must not quote it. */
export function secretHttp(runAfter: Record<string, string[]> = {}, uri = 'https://api.example.com/orders'): Record<string, unknown> {
  return {
    runAfter,
    type: 'Http',
    inputs: {
      method: 'POST',
      uri,
      headers: { 'X-Api-Key': SECRETS.githubToken },
      authentication: { type: 'Basic', username: 'svc', password: SECRETS.password },
    },
  };
}

export function compose(inputs: unknown, runAfter: Record<string, string[]> = {}): Record<string, unknown> {
  return { runAfter, type: 'Compose', inputs };
}

/** A flow with one secret action beside whatever the case adds, so every case also checks masking. */
export function flowWithSecret(extra: Actions = {}): string {
  return flowJson({ Call_partner: secretHttp(), ...extra });
}

export const FLOW_NAME = 'Workflows/Hostile-0B0E2C9A-9B2D-EE11-9CBE-0022480A1F31.json';
