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
  at: PolicyLocation;
  /** Problems that did not stop loading; front ends show them as notices. */
  warnings?: PolicyWarning[];
}

/** A connector's place under one policy, and why. */
export interface Classification {
  policy: DlpPolicy;
  group: Group;
  /** The policy entry that lists the connector; undefined when it falls into the default group. */
  entry?: PolicyConnector;
  /**
   * The platform does not let policies block this connector (see core/policy/unblockable.ts). A
   * default group of Blocked then yields Non-Business; a Blocked listing is a leftover the admin
   * center refuses to save again, so rules may word their finding accordingly.
   */
  unblockable?: boolean;
}
