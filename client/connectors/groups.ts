import * as vscode from 'vscode';
import type { ConnectorGroup } from './protocol';

/** The names the Power Platform admin center uses for the data groups. */
export const GROUP_LABEL: Record<ConnectorGroup, string> = {
  business: 'Business',
  nonBusiness: 'Non-Business',
  blocked: 'Blocked',
  unclassified: 'Unclassified',
};

const GROUP_ICON: Record<ConnectorGroup, [icon: string, color: string]> = {
  business: ['briefcase', 'charts.green'],
  nonBusiness: ['globe', 'charts.yellow'],
  blocked: ['circle-slash', 'errorForeground'],
  unclassified: ['question', 'descriptionForeground'],
};

export function groupIcon(group: ConnectorGroup): vscode.ThemeIcon {
  const [icon, color] = GROUP_ICON[group];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

/** One line per policy: the group it puts the connector in, and why (listed, default group, URL pattern, none). */
export function policyLine(entry: { policy: string; label: string; reason: string }): string {
  return `${entry.policy}: ${entry.label}. ${entry.reason[0]?.toUpperCase() ?? ''}${entry.reason.slice(1)}.`;
}
