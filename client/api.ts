import type { ConnectorsTreeProvider } from './connectors/provider';

/** What activate() returns: for other extensions and the end-to-end suite, which reads the tree as the view does. */
export interface FlowGuardApi {
  connectorsTree: ConnectorsTreeProvider;
  /** The status bar item's text, empty while it is hidden. */
  statusText(): string;
}
