import { entries, prop, str, type JsonNode } from '../artifacts/json';
import { BUILTIN_HTTP, BUILTIN_HTTP_WEBHOOK } from '../connectors/id';
import { connectorUseName } from '../connectors/names';
import type { Step } from '../model/types';
import { credentialName } from '../secrets/credential-name';
import type { Span } from '../text/range';
import { fieldName, pathFrom } from './json-path';
import { actionFields, messageSink } from './message-sinks';

/** A place where people or other systems read what a step writes. */
export interface DisclosurePlace {
  kind: 'message' | 'store' | 'response' | 'request';
  /** How a message names it: "the mail", "a Dataverse row", "the body of the HTTP request". */
  what: string;
}

/**
 * Connector operations that write what they are given where people read it, besides mail and
 * chat messages (./message-sinks): list items, files, rows and records, tasks, notifications
 * and other services' messages. Lower-case connector id to a pattern of operation ids (and the
 * paths path-based exports name them by), from each connector's reference under
 * https://learn.microsoft.com/connectors/ (SharePoint PostItem, PatchItem, CreateFile,
 * UpdateFile, HttpRequest; Dataverse CreateRecord, UpdateRecord, UpdateOnlyRecord,
 * UpsertRecord; Excel Online (Business) AddRowV2, PatchItem; SQL Server PostItem_V2,
 * PatchItem_V2; OneDrive and Blob Storage CreateFile, UpdateFile; ...).
 */
const STORES: ReadonlyMap<string, { operations: RegExp; what: string }> = new Map([
  ['shared_sharepointonline', { operations: /^(postitem|patchitem|createfile|updatefile|copyfile|httprequest|createnewdocumentset)|\/items\/?$|\/files/i, what: 'a SharePoint item or file' }],
  ['shared_onedriveforbusiness', { operations: /^(createfile|updatefile|uploadfile)|\/files/i, what: 'a OneDrive for Business file' }],
  ['shared_onedrive', { operations: /^(createfile|updatefile|uploadfile)|\/files/i, what: 'a OneDrive file' }],
  ['shared_commondataserviceforapps', { operations: /^(createrecord|updaterecord|updateonlyrecord|upsertrecord|updateentityfileimagefieldcontent)/i, what: 'a Dataverse row' }],
  ['shared_commondataservice', { operations: /^(postitem|patchitem|createrecord|updaterecord)/i, what: 'a Dataverse row' }],
  ['shared_excelonlinebusiness', { operations: /^(addrow|updaterow|patchitem|postitem)/i, what: 'an Excel table row' }],
  ['shared_sql', { operations: /^(postitem|patchitem|insertrow|updaterow)/i, what: 'a SQL Server row' }],
  ['shared_azureblob', { operations: /^(createfile|updatefile|createblockblob|putblob|setblob)|\/files/i, what: 'an Azure Blob Storage file' }],
  ['shared_azuretables', { operations: /^(insert|update|merge|replace)/i, what: 'an Azure Table Storage entity' }],
  ['shared_dropbox', { operations: /^(createfile|updatefile|uploadfile)/i, what: 'a Dropbox file' }],
  ['shared_googledrive', { operations: /^(createfile|updatefile|uploadfile)/i, what: 'a Google Drive file' }],
  ['shared_box', { operations: /^(createfile|updatefile|uploadfile)/i, what: 'a Box file' }],
  ['shared_ftp', { operations: /^(createfile|updatefile)/i, what: 'a file on an FTP server' }],
  ['shared_sftpwithssh', { operations: /^(createfile|updatefile)/i, what: 'a file on an SFTP server' }],
  ['shared_planner', { operations: /^(createtask|updatetask)/i, what: 'a Planner task' }],
  ['shared_teams', { operations: /^(post|reply|update)/i, what: 'a Teams message' }],
  ['shared_slack', { operations: /^post/i, what: 'a Slack message' }],
  ['shared_flowpush', { operations: /^send/i, what: 'a push notification' }],
  ['shared_approvals', { operations: /^(startandwait|create)/i, what: 'an approval request' }],
]);

/**
 * Dataverse's UpsertEnvironmentVariable action (run with "Perform an unbound action") creates or
 * updates an environment variable with the `Value` or `DefaultValue` it is given; its types are
 * String, Integer, Boolean, JSON and Data Source, stored in Dataverse as text
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/upsertenvironmentvariable).
 * Only a Secret variable (type 100000005) refers to Key Vault instead of holding the value.
 */
function writesPlainEnvironmentVariable(step: Step, fields: JsonNode, node: JsonNode): boolean {
  if (step.connector?.id !== 'shared_commondataserviceforapps' || !/^performunboundaction/i.test(step.connector.operationId ?? '')) return false;
  if ((str(prop(fields, 'actionName')) ?? '').toLowerCase() !== 'upsertenvironmentvariable') return false;
  const field = fieldName(pathFrom(fields, node)?.[0]);
  const type = entries(fields).find(([key]) => fieldName(key.value as string) === 'type')?.[1];
  return (field === 'value' || field === 'defaultvalue') && String(type?.value) !== '100000005';
}

/** An Azure Functions key travels as the `code` query parameter (https://learn.microsoft.com/azure/azure-functions/function-keys-how-to). */
const QUERY_CREDENTIALS = new Set(['code']);

function namesCredential(name: string | number | undefined): boolean {
  if (typeof name !== 'string') return false;
  return credentialName(name) !== undefined || QUERY_CREDENTIALS.has(name.toLowerCase());
}

/**
 * The text written before `at` in its string, raw as in the file: for `?code=@{...}` or
 * `client_secret=@{encodeUriComponent(...)}` what comes before the `@{`, for a secret written
 * in plain text (`?api_key=...`) what comes before the secret. A value that is one whole
 * expression has nothing before it.
 */
function textBefore(text: string, node: JsonNode, at: Span): string {
  const raw = text.slice(node.offset + 1, Math.max(node.offset + 1, at.offset));
  const open = raw.lastIndexOf('@{');
  if (open >= 0) return raw.slice(0, open);
  return raw.startsWith('@') && !raw.startsWith('@@') ? '' : raw;
}

/** The name a value is given in the text before it: a form or query field (`name=`), or a JSON member written in a string (`"name": "`). */
function nameBefore(before: string): string | undefined {
  return /(?:^|[?&;\s])([A-Za-z0-9_.-]+)=$/.exec(before)?.[1] ?? /\\?"([A-Za-z0-9_.-]+)\\?"\s*:\s*(?:\\?")?$/.exec(before)?.[1];
}

/**
 * Whether a value written at `node` (`at` being where in its string) is given as a credential:
 * under a field, query parameter or form field named like one (`password`, `client_secret`,
 * `x-api-key`, `code`), or as the password of a URL's user info.
 */
export function credentialPosition(step: Step, node: JsonNode, at: Span, text: string): boolean {
  const path = pathFrom(step.inputs, node) ?? [];
  if (namesCredential(path[path.length - 1]) || namesCredential(fieldName(path[path.length - 1]))) return true;
  const before = textBefore(text, node, at);
  const named = nameBefore(before);
  if (named && namesCredential(named)) return true;
  // https://user:@{secret}@host/: the URL's password.
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:$/i.test(before);
}

/** Whether the step's operation matches; a path-based action (named by its path) must also send with POST, PATCH or PUT. */
function writes(step: Step, operations: RegExp): boolean {
  const operation = step.connector?.operationId ?? '';
  if (!operations.test(operation)) return false;
  if (!operation.startsWith('/')) return true;
  const method = (str(prop(step.inputs, 'method')) ?? '').toLowerCase();
  return method === 'post' || method === 'patch' || method === 'put';
}

function isHttp(step: Step): boolean {
  const id = step.connector?.id;
  return id === BUILTIN_HTTP || id === BUILTIN_HTTP_WEBHOOK || id === 'shared_webcontents' || step.connector?.custom !== undefined;
}

/**
 * Where in an HTTP request a value goes: inputs.authentication and the headers carry
 * credentials (Authorization, x-api-key, Ocp-Apim-Subscription-Key), so a secret there is used,
 * not disclosed; so is one under a credential's name in the body, query or URL (a token
 * request's `client_secret`, a Functions `code`). Anywhere else it is data sent to the service.
 */
function requestPlace(step: Step, node: JsonNode, at: Span, text: string): DisclosurePlace | undefined {
  const path = pathFrom(step.inputs, node);
  if (!path || path.length === 0) return undefined;
  const first = String(path[0]).toLowerCase();
  if (first === 'authentication' || first === 'headers' || first === 'host' || (first === 'subscribe' && path[1] === 'headers')) return undefined;
  if (credentialPosition(step, node, at, text)) return undefined;
  // Parameters of HTTP with Microsoft Entra ID and of custom connectors: 'request/url', 'request/body', 'request/headers'.
  const field = first === 'parameters' ? fieldName(path[path.length - 1]) : first;
  if (field === 'headers' || (first === 'parameters' && path.some((p) => /headers?/i.test(fieldName(p))))) return undefined;
  const service = step.connector?.custom ? `custom connector ${step.connector.custom.connector?.title ?? connectorUseName(step.connector)}` : 'HTTP';
  if (field === 'uri' || field === 'url' || field === 'queries' || (first === 'subscribe' && path[1] === 'uri')) return { kind: 'request', what: `the URL of the ${service} request` };
  if (first === 'parameters' && step.connector?.custom) return { kind: 'request', what: `a parameter of the ${service} request` };
  return { kind: 'request', what: `the body of the ${service} request` };
}

/**
 * Where a value written at `node` of `step` (at `at` in its string) is read by people or other
 * systems, or undefined when the step uses it as a credential or keeps it to itself: mail and
 * chat messages, list items, files and rows, the flow's Response, and HTTP requests outside
 * their credential fields.
 */
export function disclosurePlace(step: Step, node: JsonNode, at: Span, text: string): DisclosurePlace | undefined {
  if (step.kind !== 'action') return undefined;
  if (step.type.toLowerCase() === 'response') return pathFrom(step.inputs, node) ? { kind: 'response', what: 'the Response to the flow\'s caller' } : undefined;
  if (isHttp(step)) return requestPlace(step, node, at, text);
  const fields = actionFields(step);
  if (!fields || !pathFrom(fields, node)) return undefined;
  if (messageSink(step)) return { kind: 'message', what: step.connector?.id === 'shared_teams' ? 'a Teams message' : 'a mail' };
  if (writesPlainEnvironmentVariable(step, fields, node)) return { kind: 'store', what: 'the plain-text value of an environment variable' };
  const id = step.connector?.id;
  const store = id ? STORES.get(id) : undefined;
  if (store && writes(step, store.operations)) return { kind: id === 'shared_teams' || id === 'shared_slack' || id === 'shared_flowpush' ? 'message' : 'store', what: store.what };
  return undefined;
}
