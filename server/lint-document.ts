import type { Diagnostic } from 'vscode-languageserver/node';
import { displayPath } from '../core/artifacts/paths';
import { ArtifactError } from '../core/artifacts/source';
import { parseConfig } from '../core/config/load';
import { lintFlow } from '../core/engine/lint';
import { looksLikeFlow } from '../core/model/flow';
import { ignoreMatcher } from '../core/project/glob';
import { allRules } from '../rules';
import type { WorkspaceIndex } from '../core/analysis/workspace-index';
import type { Flow } from '../core/model/types';
import { indexOptions } from './cross-flow';
import { fileProblemDiagnostic, findingDiagnostic, type DiagnosticOptions } from './diagnostics';
import { isSuperseded, type ParsedDocument } from './document-flows';
import type { Logger } from './logger';
import type { LoadedProject } from './projects';
import { unknownRuleErrors } from './rule-ids';

export interface FlowDocumentInput {
  file: string;
  text: string;
  /** The buffer read once per version (DocumentFlows), as hover and outline read it too. */
  parsed: ParsedDocument;
  /** The cwd the document's project is loaded with; its display path is relative to it. */
  cwd: string;
  /** The document parsed as a cloud flow last time: a half-typed edit must not hide that it is one. */
  wasFlow: boolean;
  /** Loaded only once the text turns out to be a cloud flow, so other JSON costs no file reads. */
  project(): Promise<LoadedProject>;
  diagnostics: Omit<DiagnosticOptions, 'cwd'>;
  log: Logger;
  /** The flows the buffer's flow is linted with: its child flows and callers, other open buffers in place of their files. */
  workspace?(flow: Flow): WorkspaceIndex;
}

export interface DocumentLint {
  diagnostics: Diagnostic[];
  isFlow: boolean;
  /** The rules ran on the flow: what the server counts as one analysis (flowguard/stats). */
  analysed?: boolean;
  /** The flow's display path and what its findings took from other flows (WorkspaceIndex.fingerprint). */
  crossFlow?: { key: string; fingerprint: string };
}

/** What FlowGuard says about one JSON buffer: its findings when it is a cloud flow, else nothing. */
export async function lintFlowDocument(input: FlowDocumentInput): Promise<DocumentLint> {
  const { flow, error } = input.parsed;
  if (error) {
    const isFlow = input.wasFlow || looksLikeFlow(input.text);
    // Any other JSON (package.json, settings with comments) is not ours to judge.
    return { diagnostics: isFlow ? [fileProblemDiagnostic(error, 'parse-error')] : [], isFlow };
  }
  if (!flow) return { diagnostics: [], isFlow: false };

  const { project, cwd } = await input.project();
  // Edited meanwhile, and its tree taken over by the new version (document-flows.ts): that lint
  // reports the buffer; this one's findings would describe text that is gone.
  if (isSuperseded(flow)) return { diagnostics: [], isFlow: true };
  if (ignoreMatcher(project.config.root, project.config.ignore)?.(input.file)) return { diagnostics: [], isFlow: true };
  const workspace = input.workspace?.(flow);
  // No fixes: diagnostics do not carry them; a code action lints the document again with them.
  const { findings, errors } = lintFlow(flow, { rules: allRules, policies: project.applicable, config: project.config, workspace, fixes: false });
  for (const error of errors) input.log.error(`${error.file}: ${error.message}`);
  const options = { ...input.diagnostics, cwd };
  return {
    // A finding that flowguard.json or an action's note accepts is not shown, as in the CLI's reports.
    diagnostics: [...findings.filter((f) => !f.suppressed).map((f) => findingDiagnostic(f, options)), ...errors.map((e) => fileProblemDiagnostic(e, 'internal-error'))],
    isFlow: true,
    analysed: true,
    ...(workspace ? { crossFlow: { key: flow.doc.source.path, fingerprint: workspace.fingerprint(flow.doc.source.path, indexOptions(project)) } } : {}),
  };
}

/** A flowguard.json buffer checked as the config loader would read it once saved. */
export function checkConfigDocument(file: string, text: string, cwd: string): Diagnostic[] {
  try {
    return unknownRuleErrors(parseConfig(text, file, displayPath(file, cwd))).map((e) => fileProblemDiagnostic(e, 'config-error'));
  } catch (error) {
    if (error instanceof ArtifactError) return [fileProblemDiagnostic(error, 'config-error')];
    throw error;
  }
}
