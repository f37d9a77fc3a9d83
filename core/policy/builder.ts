import type { JsonNode } from '../artifacts/json';
import { MAX_ENDPOINT_PATTERN_LENGTH, MAX_ENDPOINT_RULES } from '../limits';
import { normalizeConnectorId } from '../connectors/id';
import { endpointKind } from './endpoint-connectors';
import {
  GROUP_LABEL,
  type ActionRule,
  type ConnectorActionRules,
  type ConnectorEndpointRules,
  type DlpPolicy,
  type EndpointRule,
  type EnvironmentScope,
  type Group,
  type PolicyConnector,
  type UrlPatternRule,
} from './types';
import type { PolicyReader } from './reader';

export interface PolicyHeader {
  name: string;
  displayName: string;
  format: DlpPolicy['format'];
  defaultGroup: Group;
  scope: EnvironmentScope;
  node: JsonNode;
}

/**
 * Collects one policy's listings into the normalised maps. Tenant exports are machine-written, so
 * a connector listed twice there is a warning (the first listing counts); in a hand-written policy
 * (`strict`) it is an error, since the writer meant one of them and FlowGuard cannot tell which.
 */
export class PolicyBuilder {
  private readonly connectors = new Map<string, PolicyConnector>();
  private readonly actionRules = new Map<string, ConnectorActionRules>();
  private readonly endpointRules = new Map<string, ConnectorEndpointRules>();
  private urlPatterns: UrlPatternRule[] | undefined;

  constructor(
    private readonly reader: PolicyReader,
    private readonly strict: boolean,
  ) {}

  addConnector(rawId: string, group: Group, node: JsonNode, displayName?: string): void {
    const id = normalizeConnectorId(rawId);
    const earlier = this.connectors.get(id);
    if (earlier) {
      this.duplicate(node, `connector "${rawId}" is already listed in ${GROUP_LABEL[earlier.group]} (line ${earlier.at.range.start.line + 1})`);
      return;
    }
    this.connectors.set(id, { id, group, ...(displayName ? { displayName } : {}), at: this.reader.loc(node) });
  }

  addActionRules(rawId: string, defaultBehavior: 'allow' | 'block', rules: ActionRule[], node: JsonNode): void {
    const connectorId = normalizeConnectorId(rawId);
    if (this.actionRules.has(connectorId)) {
      this.duplicate(node, `action rules for "${rawId}" are given twice`);
      return;
    }
    this.actionRules.set(connectorId, { connectorId, defaultBehavior, rules, at: this.reader.loc(node) });
  }

  addEndpointRules(rawId: string, rules: EndpointRule[], node: JsonNode): void {
    const connectorId = normalizeConnectorId(rawId);
    if (this.endpointRules.has(connectorId)) {
      this.duplicate(node, `endpoint rules for "${rawId}" are given twice`);
      return;
    }
    // Every endpoint of every flow is matched against these rules: their number and length are bounded.
    if (rules.length > MAX_ENDPOINT_RULES) this.reader.fail(node, `endpoint rules for "${rawId}" number ${rules.length}; FlowGuard reads at most ${MAX_ENDPOINT_RULES} per connector`);
    const long = rules.find((r) => r.endpoint.length > MAX_ENDPOINT_PATTERN_LENGTH);
    if (long) this.reader.fail(node, `an endpoint rule for "${rawId}" is ${long.endpoint.length} characters long; FlowGuard reads endpoint patterns of at most ${MAX_ENDPOINT_PATTERN_LENGTH} characters`);
    const sorted = [...rules].sort((a, b) => a.order - b.order);
    this.checkEndpointRules(connectorId, rawId, sorted, node);
    this.endpointRules.set(connectorId, { connectorId, rules: sorted, at: this.reader.loc(node) });
  }

  /** Custom connector URL patterns, already sorted (see url-patterns.ts). */
  setUrlPatterns(rules: UrlPatternRule[]): void {
    this.urlPatterns = rules;
  }

  build(header: PolicyHeader): DlpPolicy {
    const policy: DlpPolicy = {
      name: header.name,
      displayName: header.displayName,
      file: this.reader.source.path,
      format: header.format,
      defaultGroup: header.defaultGroup,
      connectors: this.connectors,
      scope: header.scope,
      actionRules: this.actionRules,
      endpointRules: this.endpointRules,
      at: this.reader.loc(header.node),
    };
    if (this.urlPatterns) policy.urlPatterns = this.urlPatterns;
    if (this.reader.warnings.length > 0) policy.warnings = this.reader.warnings.splice(0);
    return policy;
  }

  private duplicate(node: JsonNode, message: string): void {
    if (this.strict) this.reader.fail(node, message);
    this.reader.warn(node, `${message}; the first one counts`);
  }

  /** The platform ends every list with `*` and compares whole endpoints; say so where a list disagrees. */
  private checkEndpointRules(connectorId: string, rawId: string, rules: EndpointRule[], node: JsonNode): void {
    const kind = endpointKind(connectorId);
    if (!kind) {
      this.reader.warn(node, `"${rawId}" has no endpoint filtering in Power Platform; these endpoint rules never take effect`);
      return;
    }
    const last = rules[rules.length - 1];
    if (!last || last.endpoint.trim() !== '*') {
      const consequence = 'endpoints no rule matches are treated as allowed';
      this.reader.warn(node, `endpoint rules for "${rawId}" should end with a "*" rule (the platform requires one); ${consequence}`);
    }
    if (kind !== 'url') return;
    for (const rule of rules) {
      const pattern = rule.endpoint.trim();
      if (pattern !== '*' && !pattern.startsWith('*') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) {
        const fix = `patterns match the whole URL, so write "https://${pattern}/*" to cover that host`;
        this.reader.warn(rule.at, `endpoint pattern "${pattern}" has no scheme; ${fix}`);
      }
    }
  }
}
