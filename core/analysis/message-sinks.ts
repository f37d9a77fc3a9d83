import { entries, prop, str, type JsonNode } from '../artifacts/json';
import type { Step } from '../model/types';
import { fieldName, pathFrom } from './json-path';

/** What a recipient field holds: addresses, or the id of a Teams chat whose members receive the message. */
export type RecipientHolds = 'address' | 'chat';

export interface RecipientField {
  /** To, Cc, Bcc, Recipient. */
  label: string;
  /** The parameter key as the flow writes it: `emailMessage/Bcc`, `body/recipient`. */
  key: string;
  node: JsonNode;
  holds: RecipientHolds;
}

/** An action that sends mail or a chat message, and where its recipients are written. */
export interface MessageSink {
  step: Step;
  /** 'forward' and 'reply' send an existing message on: the message they name is content too. */
  kind: 'send' | 'forward' | 'reply' | 'chat';
  recipients: RecipientField[];
}

/**
 * Mail connectors whose send, forward and reply operations take recipients in `To`, `Cc` and
 * `Bcc` fields, semicolon-separated, as the connectors' definitions describe them (Microsoft's
 * connector SDK, generated from the same definitions: https://azure.github.io/Connectors-NodeJS-SDK/):
 * - Office 365 Outlook (https://learn.microsoft.com/connectors/office365/): Send an email (V2)
 *   SendEmailV2 and Send an email from a shared mailbox (V2) SharedMailboxSendEmailV2
 *   (`emailMessage/To`, `/Cc`, `/Bcc`, `/Subject`, `/Body`, `/Attachments`; ClientSendHtmlMessage,
 *   SharedMailboxClientSendMessage), Forward an email (V2) ForwardEmail_V2 (`body/ToRecipients`,
 *   `body/Comment`; DirectForwardMessage), Reply to email (V3) ReplyToV3 (`replyParameters/To`,
 *   `/Cc`, `/Bcc`, `/Body`; ReplyMessage), and the approval and options mails (`To`).
 * - Outlook.com (https://learn.microsoft.com/connectors/outlook/): the same operations and fields.
 * - Gmail (https://learn.microsoft.com/connectors/gmail/): Send email (V2), To, Cc, Bcc.
 * - SMTP (https://learn.microsoft.com/connectors/smtp/): Send Email (V3) SendEmailV3, `To`, `CC`, `Bcc`.
 * - SendGrid (https://learn.microsoft.com/connectors/sendgrid/): Send email (V4) SendEmailV4,
 *   `request/to`, `cc`, `bcc` ("separated by a semicolon or comma").
 * - Mail (https://learn.microsoft.com/connectors/sendmail/): Send an email notification (V3), `request/to`.
 */
const MAIL_CONNECTORS = new Set(['shared_office365', 'shared_outlook', 'shared_gmail', 'shared_smtp', 'shared_sendgrid', 'shared_sendmail']);

/** Operation ids of those connectors that send: SendEmailV2, SharedMailboxSendEmailV2, ForwardEmail_V2, ReplyToV3, SendMailWithOptions, ... */
const MAIL_OPERATION = /^(sharedmailbox)?(send|forward|reply)/i;

/**
 * The same operations in path-based (ApiConnection) exports, named by their path: `/v2/Mail`,
 * `/v2/SharedMailbox/Mail`, `/v3/Mail/ReplyTo/{id}`, `.../messages/{id}/forward`, SMTP's
 * `/SendEmailV3`, SendGrid's `/v4/mail/send`.
 */
const MAIL_PATH = /\/(v\d+\/)?(sharedmailbox\/)?mail\/?$|\/replyto\/|\/forward\/?$|\/send(email|mail)|\/mail\/send\/?$/i;

const MAIL_RECIPIENTS: Readonly<Record<string, string>> = { to: 'To', cc: 'Cc', bcc: 'Bcc', torecipients: 'To', ccrecipients: 'Cc', bccrecipients: 'Bcc' };

/**
 * Fields that address or shape a message without being its content: the sender, the shared
 * mailbox, where replies go, display names, flags; and Teams' poster and location.
 */
const NOT_CONTENT = new Set([
  'from', 'fromname', 'toname', 'ccname', 'bccname', 'mailboxaddress', 'replyto', 'importance', 'sensitivity',
  'ishtml', 'readreceipt', 'deliveryreceipt', 'poster', 'location', 'groupid', 'channelid', 'recipient',
  ...Object.keys(MAIL_RECIPIENTS),
]);

/**
 * Microsoft Teams "Post message in a chat or channel" and "Post card in a chat or channel"
 * (PostMessageToConversation, PostCardToConversation), "Post adaptive card and wait for a
 * response" (PostCardAndWaitForResponse) and the older "Post a message as the Flow bot to a
 * user" (PostUserNotification) (https://learn.microsoft.com/connectors/teams/). Exports write the
 * chat's recipient as `body/recipient` (a user's address when posting in a "Chat with Flow bot",
 * a chat id in a "Group chat"), or `.../recipient/to` (addresses). Channel posts name a team and
 * channel, whose members FlowGuard cannot see, and are left alone.
 */
const TEAMS_OPERATIONS = new Set(['postmessagetoconversation', 'postcardtoconversation', 'postcardandwaitforresponse', 'postusernotification']);

/** The fields a connector action is given: `inputs.parameters`, or `inputs.body` of a path-based action. */
export function actionFields(step: Step): JsonNode | undefined {
  const parameters = prop(step.inputs, 'parameters');
  if (parameters) return parameters;
  const body = prop(step.inputs, 'body');
  return body?.type === 'object' ? body : undefined;
}

function isPathBasedPost(step: Step): boolean {
  return step.type.toLowerCase().startsWith('apiconnection') && (str(prop(step.inputs, 'method')) ?? '').toLowerCase() === 'post';
}

function mailKind(step: Step): MessageSink['kind'] | undefined {
  const operation = step.connector?.operationId ?? '';
  const byId = MAIL_OPERATION.exec(operation);
  if (byId) return /^forward/i.test(byId[2] ?? '') ? 'forward' : /^reply/i.test(byId[2] ?? '') ? 'reply' : 'send';
  if (!isPathBasedPost(step) || !MAIL_PATH.test(operation)) return undefined;
  return /\/forward\/?$/i.test(operation) ? 'forward' : /\/replyto\//i.test(operation) ? 'reply' : 'send';
}

function mailSink(step: Step): MessageSink | undefined {
  const kind = mailKind(step);
  if (!kind) return undefined;
  const recipients: RecipientField[] = [];
  for (const [key, value] of entries(actionFields(step))) {
    const label = MAIL_RECIPIENTS[fieldName(key.value as string)];
    if (label) recipients.push({ label, key: String(key.value), node: value, holds: 'address' });
  }
  return { step, kind, recipients };
}

function teamsSink(step: Step): MessageSink | undefined {
  if (!TEAMS_OPERATIONS.has((step.connector?.operationId ?? '').toLowerCase())) return undefined;
  const fields = actionFields(step);
  const location = (str(prop(fields, 'location')) ?? '').toLowerCase();
  const recipients: RecipientField[] = [];
  for (const [key, value] of entries(fields)) {
    const name = fieldName(key.value as string);
    if (name === 'to') recipients.push({ label: 'Recipient', key: String(key.value), node: value, holds: 'address' });
    else if (name === 'recipient' && location === 'chat with flow bot') recipients.push({ label: 'Recipient', key: String(key.value), node: value, holds: 'address' });
    else if (name === 'recipient' && location === 'group chat') recipients.push({ label: 'Group chat', key: String(key.value), node: value, holds: 'chat' });
  }
  return recipients.length > 0 ? { step, kind: 'chat', recipients } : undefined;
}

/** The mail or chat message an action sends, with its recipient fields; undefined for any other action. */
export function messageSink(step: Step): MessageSink | undefined {
  const id = step.connector?.id;
  if (step.kind !== 'action' || !id) return undefined;
  if (MAIL_CONNECTORS.has(id)) return mailSink(step);
  if (id === 'shared_teams') return teamsSink(step);
  return undefined;
}

/**
 * Whether a value written at `node` of the sink's inputs is part of what the message carries:
 * its subject, body, attachments, or the message a forward or reply sends on. Recipients,
 * senders and flags are not; neither is the connection (host, authentication).
 */
export function carriesContent(sink: MessageSink, node: JsonNode): boolean {
  const path = pathFrom(sink.step.inputs, node);
  if (!path || path.length === 0) return false;
  const [first] = path;
  if (first === 'host' || first === 'authentication' || first === 'queries' || first === 'headers') return false;
  // The message id of a path-based forward or reply is in its path: the message it sends on.
  if (first === 'path') return sink.kind === 'forward' || sink.kind === 'reply';
  if (first !== 'parameters' && first !== 'body') return false;
  const field = fieldName(path[1]);
  if (NOT_CONTENT.has(field)) return false;
  // The id of the message to forward or reply to (message_id, messageId) is that message.
  if (field === 'message_id' || field === 'messageid') return sink.kind === 'forward' || sink.kind === 'reply';
  return true;
}
