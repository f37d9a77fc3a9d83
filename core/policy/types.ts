import type { Range } from '../text/range';

/** A DLP data group: Business (Confidential), Non-Business (General) or Blocked. */
export type Group = 'business' | 'nonBusiness' | 'blocked';

export const GROUP_LABEL: Record<Group, string> = {
  business: 'Business',
  nonBusiness: 'Non-Business',
  blocked: 'Blocked',
};

/** Where something sits in a policy file, for related locations and "open the policy entry". */
export interface PolicyLocation {
  file: string;
  range: Range;
}

export interface PolicyConnector {
  /** Normalised connector id (see normalizeConnectorId). */
  id: string;
  group: Group;
  displayName?: string;
  at: PolicyLocation;
}

export interface EnvironmentRef {
  id?: string;
  name?: string;
  displayName?: string;
}

export type EnvironmentScope =
  | { type: 'all' }
  | { type: 'only' | 'except' | 'single'; environments: EnvironmentRef[] };

export interface ActionRule {
  /** The operation id as the policy names it. */
  actionId: string;
  behavior: 'allow' | 'block';
  at: PolicyLocation;
}

export interface ConnectorActionRules {
  connectorId: string;
  defaultBehavior: 'allow' | 'block';
  rules: ActionRule[];
  at: PolicyLocation;
}

export interface EndpointRule {
  order: number;
  behavior: 'allow' | 'deny';
  /** As the policy writes it: 'contoso.com', 'https://*.contoso.com', '*'. */
  endpoint: string;
  at: PolicyLocation;
}

export interface ConnectorEndpointRules {
  connectorId: string;
  /** Sorted by order. */
  rules: EndpointRule[];
  at: PolicyLocation;
}

/**
 * One rule of a tenant-level policy's custom connector URL patterns
 * (`customConnectorUrlPatternsDefinition`): the first rule, in `order`, whose pattern matches a
 * custom connector's host URL decides its group; `ignore` means this policy does not classify it.
 */
export interface UrlPatternRule {
  order: number;
  classification: Group | 'ignore';
  /** As the policy writes it: 'https://*.contoso.com', '*'. */
  pattern: string;
  at: PolicyLocation;
}

/** Something odd but not fatal in a policy file (a duplicate listing, an endpoint list without `*`). */
export interface PolicyWarning {
  message: string;
  at: PolicyLocation;
}

/** One DLP policy, whatever format it came in. */
export interface DlpPolicy {
  /** The policy's name (a GUID in tenant exports) or, for hand-written ones, its display name. */
  name: string;
  displayName: string;
  /** The file it came from (display path). */
  file: string;
  format: 'admin-api-v2' | 'get-dlppolicy' | 'flowguard';
  defaultGroup: Group;
  /** Keyed by normalised connector id. */
  connectors: Map<string, PolicyConnector>;
  scope: EnvironmentScope;
  actionRules: Map<string, ConnectorActionRules>;
  endpointRules: Map<string, ConnectorEndpointRules>;
  /**
   * Custom connector URL patterns, sorted by order. Undefined when the file carries none
   * (Get-DlpPolicy output never does), which is not the same as an empty list.
   */
  urlPatterns?: UrlPatternRule[];
  at: PolicyLocation;
  /** Problems that did not stop loading; front ends show them as notices. */
  warnings?: PolicyWarning[];
}

/**
 * Why a policy gives a connector no group:
 * - 'outside-dlp': the platform never classifies this connector (core/policy/unclassifiable.ts);
 * - 'ignored': a custom connector whose first matching URL pattern of a tenant-level policy is Ignore;
 * - 'undecidable': a custom connector under a tenant-level policy whose host URL is not known
 *   here (definition not in the workspace, host from an environment variable or expression, or
 *   a policy file without URL patterns); `reason` says what would decide it.
 */
export type Unclassified = 'outside-dlp' | 'ignored' | 'undecidable';

/** A connector's place under one policy, and why. */
export interface Classification {
  policy: DlpPolicy;
  /** Undefined when the policy does not classify the connector at all; `unclassified` says why. */
  group?: Group;
  unclassified?: Unclassified;
  /** For 'undecidable': what is unknown and what would decide it, as a clause for messages. */
  reason?: string;
  /** The URL pattern rule that decided a custom connector's group (or its Ignore). */
  pattern?: UrlPatternRule;
  /** The host URL a pattern was matched against. */
  hostUrl?: string;
  /** The policy entry that lists the connector; undefined when it falls into the default group. */
  entry?: PolicyConnector;
  /**
   * The platform does not let policies block this connector (see core/policy/unblockable.ts). A
   * default group of Blocked then yields Non-Business; a Blocked listing is a leftover the admin
   * center refuses to save again, so rules may word their finding accordingly.
   */
  unblockable?: boolean;
}
