import type { ConnectorGroup, ConnectorGroupUnderPolicy } from '../../core/protocol/connectors-view';
import { GROUP_LABEL } from '../../core/policy/types';

export function groupLabel(group: ConnectorGroup): string {
  return group === 'unclassified' ? 'Unclassified' : GROUP_LABEL[group];
}

/** 'Business', or 'Non-Business (default)' when the policy does not list the connector. */
export function underPolicyLabel(g: ConnectorGroupUnderPolicy): string {
  return g.listed ? GROUP_LABEL[g.group] : `${GROUP_LABEL[g.group]} (default)`;
}
