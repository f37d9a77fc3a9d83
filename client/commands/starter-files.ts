/** The `$schema` each starter file names: a path into the npm package when the project has it, else the extension's own. */
export interface SchemaReferences {
  config: string;
  policy: string;
}

export const POLICY_GLOB = 'dlp/*.json';
export const POLICY_FILE = 'dlp/policy.dlp.json';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A flowguard.json that reads the policies under dlp/; every other key is there, empty, to be filled. */
export function starterConfig(schema: string): string {
  return json({ $schema: schema, policies: [POLICY_GLOB], trustedDomains: [], rules: {}, exceptions: [] });
}

/**
 * A policy skeleton in FlowGuard's own format. JSON has no comments, so the guidance sits in
 * `description`, which FlowGuard ignores, and in the schema, whose completion lists every key.
 */
export function starterPolicy(schema: string): string {
  return json({
    $schema: schema,
    name: 'Tenant DLP policy',
    description:
      'Fill this in from your tenant DLP policy, or replace this file with its export (Power Platform admin API or Get-DlpPolicy output) as it is. ' +
      'List connectors by short name (shared_sharepointonline, shared_office365, Http) under business, nonBusiness or blocked; ' +
      'every connector not listed falls into "default". Use "environments" to scope the policy, "actions" to block operations ' +
      'and "endpoints" to allow or deny hosts. Press Ctrl+Space inside the object for every key, with its documentation.',
    default: 'nonBusiness',
    business: [],
    nonBusiness: [],
    blocked: [],
  });
}
