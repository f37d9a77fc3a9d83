import * as vscode from 'vscode';
import { childNodes, rootNodes, type ConnectorsNode, type Grouping } from './nodes';
import type { ConnectorsView } from './protocol';
import { treeItem } from './tree-items';

/**
 * What the view shows when it has no items, for its welcome content: FlowGuard is off, the
 * server could not answer, or the workspace has no flow.
 */
export type ConnectorsState = 'loading' | 'off' | 'failed' | 'empty' | 'ready';

/** Asks the server for the connectors; undefined when FlowGuard is off. */
export type ConnectorsSource = () => Promise<ConnectorsView | undefined>;

const NOTHING: ConnectorsView = { flows: [] };

/**
 * The Flow Connectors tree. The server's answer is fetched when the view (or a caller) asks for
 * the top level after an invalidation, so a hidden view costs no request; asks made meanwhile
 * share one request.
 */
export class ConnectorsTreeProvider implements vscode.TreeDataProvider<ConnectorsNode>, vscode.Disposable {
  private readonly treeChanged = new vscode.EventEmitter<ConnectorsNode | undefined>();
  private readonly stateChanged = new vscode.EventEmitter<ConnectorsState>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  readonly onDidChangeState = this.stateChanged.event;
  private data: ConnectorsView = NOTHING;
  private generation = 0;
  /** The generation of the answer on display. */
  private shown = -1;
  private fetching: { generation: number; done: Promise<void> } | undefined;
  private currentState: ConnectorsState = 'loading';

  constructor(private readonly source: ConnectorsSource, private readonly log: vscode.LogOutputChannel, private arrangement: Grouping) {}

  get grouping(): Grouping {
    return this.arrangement;
  }

  get state(): ConnectorsState {
    return this.currentState;
  }

  /** Rearranges what is already there; no new request. */
  setGrouping(grouping: Grouping): void {
    if (grouping === this.arrangement) return;
    this.arrangement = grouping;
    this.treeChanged.fire(undefined);
  }

  /** The data is stale: the next look at the top level asks the server again. */
  invalidate(): void {
    this.generation++;
    this.treeChanged.fire(undefined);
  }

  async getChildren(node?: ConnectorsNode): Promise<ConnectorsNode[]> {
    if (node) return childNodes(node);
    await this.fetch();
    return rootNodes(this.data, this.arrangement);
  }

  getTreeItem(node: ConnectorsNode): vscode.TreeItem {
    return treeItem(node);
  }

  dispose(): void {
    this.treeChanged.dispose();
    this.stateChanged.dispose();
  }

  private fetch(): Promise<void> {
    if (this.fetching?.generation === this.generation) return this.fetching.done;
    const generation = this.generation;
    const done = this.source().then(
      (view) => this.settle(generation, view ?? NOTHING, view ? (view.flows.length > 0 ? 'ready' : 'empty') : 'off'),
      (error: unknown) => {
        this.log.error(`FlowGuard: could not list the connectors: ${error instanceof Error ? error.message : String(error)}`);
        this.settle(generation, NOTHING, 'failed');
      },
    );
    this.fetching = { generation, done };
    return done;
  }

  /** Answers may arrive out of order: one older than what the view shows is dropped. */
  private settle(generation: number, data: ConnectorsView, state: ConnectorsState): void {
    if (generation < this.shown) return;
    this.shown = generation;
    this.data = data;
    this.setState(state);
  }

  private setState(state: ConnectorsState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateChanged.fire(state);
  }
}
