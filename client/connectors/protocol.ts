import type { LanguageClient } from 'vscode-languageclient/node';
import type { FlowConnectorsView as CoreFlowView } from '../../core/protocol/connectors-view';

// Types only: the client never runs core code, it asks the server.
export type { ChildFlowCallView, ConnectorGroup, ConnectorUseView, ConnectorView } from '../../core/protocol/connectors-view';

/** A flow as the server sends it: `file` is a URI; a flow inside a zip names its entry, and its ranges are the archive's start. */
export type FlowConnectorsView = CoreFlowView & { entry?: string };

export interface ConnectorsView {
  flows: FlowConnectorsView[];
}

/** The server's custom request: the connectors of every flow (no uri: the whole workspace) with their DLP group. */
export const CONNECTORS_REQUEST = 'flowguard/connectors';

export interface ConnectorsParams {
  uri?: string;
}

export function requestConnectors(client: LanguageClient, params: ConnectorsParams = {}): Promise<ConnectorsView> {
  return client.sendRequest<ConnectorsView>(CONNECTORS_REQUEST, params);
}
