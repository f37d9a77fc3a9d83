import { promises as fs } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { WorkspaceIndex } from '../core/analysis/workspace-index';
import { decodeText } from '../core/artifacts/decode';
import { parseJson } from '../core/artifacts/json';
import { ArtifactError } from '../core/artifacts/source';
import { lintFlow } from '../core/engine/lint';
import type { Project } from '../core/project/load';
import { rebuildFlow, type FlowContext } from '../core/workspace/flow-context';
import { allRules } from '../rules';
import type { DiagnosticOptions } from './diagnostics';
import type { Logger } from './logger';
import { FileDiagnostics } from './workspace-diagnostics';

export interface SavedFlowInput {
  /** The absolute file, outside any zip. */
  file: string;
  /** Its display path: the index's key, the path findings name. */
  key: string;
  context?: FlowContext;
  workspace: WorkspaceIndex;
  project: Project;
  diagnostics: DiagnosticOptions;
  log: Logger;
}

/**
 * A flow file nobody has open, linted again as the last pass read it but against the flows as
 * they are now (an open parent or child buffer): what it publishes until the next pass.
 * Undefined when the file is gone or no longer a flow; the pass that its change schedules says so.
 */
export async function lintSavedFlow(input: SavedFlowInput): Promise<Diagnostic[] | undefined> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.lstat(input.file);
    if (!stat.isFile()) return undefined;
    bytes = new Uint8Array(await fs.readFile(input.file));
  } catch {
    return undefined;
  }
  let flow;
  try {
    flow = rebuildFlow(parseJson(decodeText(input.key, bytes)), input.context);
  } catch (error) {
    if (error instanceof ArtifactError) return undefined;
    throw error;
  }
  if (!flow) return undefined;
  // No fixes: diagnostics do not carry them.
  const { findings, errors } = lintFlow(flow, { rules: allRules, policies: input.project.applicable, config: input.project.config, workspace: input.workspace, fixes: false });
  for (const error of errors) input.log.error(`${error.file}: ${error.message}`);
  const diagnostics = new FileDiagnostics(input.diagnostics);
  diagnostics.findings(findings);
  diagnostics.problems(errors, 'internal-error');
  return diagnostics.byFile.get(input.file) ?? [];
}
