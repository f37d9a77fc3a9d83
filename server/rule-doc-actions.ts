import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';

/**
 * Opens a rule's page; the VS Code client implements it from the pages shipped in the .vsix, so it
 * works offline (argument: the rule id). Not advertised in executeCommandProvider: the language
 * client would register the id itself, and registering it twice fails the client's start.
 */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'flowguard.showRuleDocumentation';

/** The last action offered for each FlowGuard finding, after its fixes and suppressions, as ESLint orders them. */
export function ruleDocumentationAction(diagnostic: Diagnostic, ruleId: string): CodeAction {
  const title = `Show documentation for ${ruleId}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [ruleId] } };
}
