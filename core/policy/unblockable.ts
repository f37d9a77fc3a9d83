/**
 * Connectors a DLP policy cannot block, from the platform's "Connector classification" page
 * ("List of connectors that can't be blocked": Microsoft Enterprise Plan standard connectors and
 * core Power Platform connectors). Ids were checked against the display names in real tenant
 * exports (corpus/dlp/cisagov__ScubaGear). What the page says, and all FlowGuard relies on:
 * - with Blocked as the default group, such a connector is placed in Non-Business instead;
 * - one already listed as Blocked stays there until the policy is edited, and the admin center
 *   will not save the policy again until it is moved. Whether the platform enforces such a
 *   leftover listing is not documented, so FlowGuard keeps it Blocked and marks it unblockable.
 * The Content Conversion connector is outside DLP classification altogether; its id is not in any
 * export FlowGuard has seen, so it is not special-cased.
 */
const UNBLOCKABLE: ReadonlySet<string> = new Set([
  // Microsoft Enterprise Plan standard connectors
  'shared_cloudappsecurity', // Defender for Cloud Apps
  'shared_microsoftformspro', // Dynamics 365 Customer Voice
  'shared_excelonlinebusiness',
  'shared_kaizala',
  'shared_office365groups',
  'shared_office365groupsmail',
  'shared_office365', // Office 365 Outlook
  'shared_office365users',
  'shared_teams',
  'shared_todo', // Microsoft To-Do (Business)
  'shared_onedriveforbusiness',
  'shared_onenote', // OneNote (Business)
  'shared_planner',
  'shared_powerbi',
  'shared_sharepointonline',
  'shared_shifts',
  'shared_skypeforbiz',
  'shared_yammer', // Viva Engage
  // Core Power Platform connectors
  'shared_approvals',
  'shared_flowpush', // Notifications
  'shared_commondataserviceforapps', // Microsoft Dataverse
  'shared_commondataservice', // Microsoft Dataverse (legacy)
  'shared_powerappsnotification',
  'shared_powerappsnotificationv2',
]);

/** Whether the platform refuses to block this (normalised) connector. */
export function isUnblockable(connectorId: string): boolean {
  return UNBLOCKABLE.has(connectorId);
}
