import type { Notice, Unreadable } from '../findings';
import { ArtifactError, type SourceFile } from '../artifacts/source';
import type { FlowContext } from './flow-context';
import type { CustomConnector, DeploymentSettings, Flow, Solution } from '../model/types';

/**
 * Flows of solutions a load need not build: a run that has their outlines (an unchanged file a
 * cache kept them for) hands on their text and context instead, to build them only if it must.
 */
export interface KnownFlows {
  /** Whether the flow at this display path is one. */
  has(path: string): boolean;
  sink(source: SourceFile, context: FlowContext): void;
}

/** What loading a set of paths found; filled by the loaders, read by the engine. */
export class Workspace {
  readonly flows: Flow[] = [];
  readonly solutions: Solution[] = [];
  readonly deploymentSettings: DeploymentSettings[] = [];
  /** Every custom connector of every solution, for linking flows to connectors of other solutions. */
  readonly customConnectors: CustomConnector[] = [];
  readonly notices: Notice[] = [];
  readonly unreadable: Unreadable[] = [];
  /**
   * Set by a load that hands each flow on as soon as it is built (LoadPathsOptions.flowSink), so
   * that its parse tree can be let go: such flows are not in `flows` (nor in their solution's),
   * only their display paths in releasedFlows.
   */
  flowSink?: (flow: Flow) => void;
  /** Display paths of the flows handed to flowSink: found all the same. */
  readonly releasedFlows: string[] = [];
  /**
   * Set by a load that knows some flows of solutions already (LoadPathsOptions.known, only with a
   * flowSink): such a flow is read but neither parsed nor built, and its text and load context go
   * to `known.sink` (addKnownFlow).
   */
  known?: KnownFlows;
  files = 0;

  /** Whether the flows loaded are held here (and in their solutions), not handed to a flowSink. */
  get holdsFlows(): boolean {
    return this.flowSink === undefined;
  }

  /** Records a flow the load built: held in `flows`, or handed to the flowSink. */
  addFlow(flow: Flow): void {
    if (!this.flowSink) {
      this.flows.push(flow);
      return;
    }
    this.releasedFlows.push(flow.doc.source.path);
    this.flowSink(flow);
  }

  /** Records a flow the load knows (`known`, as Workspace.known): found, as addFlow records one, and handed on unbuilt. */
  addKnownFlow(known: KnownFlows, source: SourceFile, context: FlowContext): void {
    this.releasedFlows.push(source.path);
    known.sink(source, context);
  }

  /** Records an error on one file. Errors that are not ArtifactErrors are bugs, but they still only cost that file. */
  fail(file: string, error: unknown): void {
    if (error instanceof ArtifactError) {
      this.unreadable.push({ file: error.file || file, range: error.range, message: error.message });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.unreadable.push({ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `FlowGuard could not read this file: ${message}` });
  }

  note(message: string, file?: string): void {
    this.notices.push(file === undefined ? { message } : { file, message });
  }
}
