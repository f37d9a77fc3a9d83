/** Display names of common connectors, for messages; policies may name others. */
const KNOWN: Record<string, string> = {
  http: 'HTTP',
  httpwebhook: 'HTTP Webhook',
  httprequestreceived: 'When a HTTP request is received',
  shared_sharepointonline: 'SharePoint',
  shared_onedriveforbusiness: 'OneDrive for Business',
  shared_onedrive: 'OneDrive',
  shared_commondataserviceforapps: 'Microsoft Dataverse',
  shared_commondataservice: 'Microsoft Dataverse (legacy)',
  shared_dynamicscrmonline: 'Dynamics 365',
  shared_sql: 'SQL Server',
  shared_excelonlinebusiness: 'Excel Online (Business)',
  shared_office365: 'Office 365 Outlook',
  shared_office365users: 'Office 365 Users',
  shared_office365groups: 'Office 365 Groups',
  shared_teams: 'Microsoft Teams',
  shared_planner: 'Planner',
  shared_azureblob: 'Azure Blob Storage',
  shared_salesforce: 'Salesforce',
  shared_approvals: 'Approvals',
  shared_flowpush: 'Notifications',
  shared_keyvault: 'Azure Key Vault',
  shared_webcontents: 'HTTP with Microsoft Entra ID',
  shared_gmail: 'Gmail',
  shared_outlook: 'Outlook.com',
  shared_dropbox: 'Dropbox',
  shared_googledrive: 'Google Drive',
  shared_box: 'Box',
  shared_twitter: 'X (Twitter)',
  shared_telegram: 'Telegram',
  shared_slack: 'Slack',
  shared_rss: 'RSS',
  shared_msnweather: 'MSN Weather',
  shared_powerplatformforadmins: 'Power Platform for Admins',
  shared_flowmanagement: 'Power Automate Management',
  shared_powerappsforadmins: 'Power Apps for Admins',
  shared_powerappsforappmakers: 'Power Apps for Makers',
  shared_sendmail: 'Mail',
  shared_azuread: 'Microsoft Entra ID',
  shared_microsoftforms: 'Microsoft Forms',
};

export function connectorDisplayName(id: string, fromPolicy?: string): string {
  return KNOWN[id] ?? fromPolicy ?? id;
}

/** How messages name the connector a step uses: a custom connector by its title, others by their display name. */
export function connectorUseName(use: { id: string; custom?: { connector?: { title: string } } }, fromPolicy?: string): string {
  return use.custom?.connector?.title ?? connectorDisplayName(use.id, fromPolicy);
}
