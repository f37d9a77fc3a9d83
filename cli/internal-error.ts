import { redactText } from '../core/secrets/redact';
import { visibleControls } from './format/control-text';
import { version } from './version';

/** Where FlowGuard's bugs are reported; the same repository as the rule documentation and the pre-commit hook. */
export const ISSUES_URL = 'https://github.com/flowguard/flowguard/issues';

function safe(text: string): string {
  // An error may quote what FlowGuard was reading: a credential, or an escape sequence for the terminal.
  return visibleControls(redactText(text));
}

/**
 * An error FlowGuard did not expect is a bug, not the user's mistake: one line saying so and
 * where to report it. The stack helps only whoever fixes it, so it is printed with --debug alone.
 */
export function describeInternalError(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const head = `flowguard: internal error: ${safe(message).replace(/\s*\n\s*/g, ' ').replace(/\.$/, '')}. This is a bug in FlowGuard ${version}; please report it at ${ISSUES_URL} with the command you ran`;
  if (!debug) return `${head} (run it again with --debug to see the stack trace).\n`;
  const stack = error instanceof Error && error.stack ? error.stack : message;
  return `${head}.\n${stack.split('\n').map(safe).join('\n')}\n`;
}
