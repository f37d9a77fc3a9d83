import { CodeActionKind, type CodeAction, type Diagnostic, type Location } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import type { ActionContext } from './action-context';
import { fileOfDisplayPath } from './paths';

/** Opens a location in the editor; the client implements it (arguments: uri, range). */
export const OPEN_LOCATION_COMMAND = 'flowguard.openLocation';

/** The policy entries a DLP finding names: its related locations outside the flow itself. */
function policyEntries(ctx: ActionContext, diagnostic: Diagnostic, finding: Finding | undefined): (Location & { message: string })[] {
  if (finding) {
    return (finding.related ?? []).flatMap((r) => {
      const { file, inArchive } = fileOfDisplayPath(r.file, ctx.open.cwd);
      return r.file === finding.file || inArchive ? [] : [{ uri: ctx.uriOf(file), range: r.range, message: r.message }];
    });
  }
  return (diagnostic.relatedInformation ?? []).filter((r) => r.location.uri !== ctx.uri).map((r) => ({ ...r.location, message: r.message }));
}

export function openPolicyActions(ctx: ActionContext, diagnostic: Diagnostic, finding: Finding | undefined): CodeAction[] {
  const entries = policyEntries(ctx, diagnostic, finding);
  return entries.map((entry) => {
    const title = entries.length === 1 ? 'Open the policy entry' : `Open the policy entry: ${entry.message}`;
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: OPEN_LOCATION_COMMAND, arguments: [entry.uri, entry.range] } };
  });
}
