import { prop, str } from '../artifacts/json';
import { BUILTIN_HTTP } from '../connectors/id';
import type { Step } from '../model/types';
import { endpointOf } from './endpoint';

/** Microsoft Graph in the global, US Government (L4, L5/DoD) and China clouds. */
const GRAPH_HOST = String.raw`(?:graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn)`;

/** Graph resources that are directory objects: people, groups, devices, organisational contacts. */
const DIRECTORY_PATH = String.raw`/(?:v1\.0|beta)/(?:users|groups|me|directoryObjects|contacts|devices)(?=[/?(#]|$)`;

const GRAPH_DIRECTORY_URL = new RegExp(String.raw`^\s*https://${GRAPH_HOST}(?::443)?${DIRECTORY_PATH}`, 'i');

/**
 * HTTP with Microsoft Entra ID takes a URL relative to its connection's base resource; a
 * relative '/v1.0/users' is Graph's shape (the connection itself is not in the export).
 */
const RELATIVE_DIRECTORY_URL = new RegExp(String.raw`^\s*${DIRECTORY_PATH}`, 'i');

function method(step: Step): string | undefined {
  const parameters = prop(step.inputs, 'parameters');
  const written = str(prop(step.inputs, 'method')) ?? str(prop(parameters, 'request/method')) ?? str(prop(parameters, 'method'));
  return written?.trim().toUpperCase();
}

/**
 * A GET of Graph users or groups through HTTP or HTTP with Microsoft Entra ID: the tenant's
 * directory (who works there, their managers, phones and group memberships). The URL's literal
 * start names the resource even when a filter or id is filled in at run time.
 *
 * That is business data whichever DLP group the HTTP connectors are in, since their group says
 * nothing about what they fetch, so these reads are always sources. Office 365 Users and
 * Microsoft Entra ID, the connectors that read the same directory, are business data stores
 * with no policy (core/connectors/builtin-groups.ts); under a policy their group decides, as for
 * any connector: a tenant that puts them in Non-Business beside Dataverse moves profiles
 * within one group.
 */
export function readsGraphDirectory(step: Step): boolean {
  if (step.kind !== 'action') return false;
  const id = step.connector?.id;
  if (id !== BUILTIN_HTTP && id !== 'shared_webcontents') return false;
  // HTTP with Microsoft Entra ID defaults to GET; the HTTP action always names its method.
  const verb = method(step) ?? (id === 'shared_webcontents' ? 'GET' : undefined);
  if (verb !== 'GET') return false;
  const url = endpointOf(step)?.value;
  if (!url) return false;
  return GRAPH_DIRECTORY_URL.test(url) || (id === 'shared_webcontents' && RELATIVE_DIRECTORY_URL.test(url));
}
