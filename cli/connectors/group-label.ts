import type { ConnectorGroup, ConnectorGroupUnderPolicy } from '../../core/protocol/connectors-view';
import { GROUP_LABEL } from '../../core/policy/types';

export function groupLabel(group: ConnectorGroup): string {
  return group === 'unclassified' ? 'Unclassified' : GROUP_LABEL[group];
}

/** 'Business', 'Non-Business (default)', 'Business (URL pattern https://*.contoso.com)', 'Undecided'. */
export function underPolicyLabel(g: ConnectorGroupUnderPolicy): string {
  return g.label;
}
