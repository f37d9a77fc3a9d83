import { ArtifactError } from '../core/artifacts/source';
import { redactText } from '../core/secrets/redact';
import { CliError, UsageError } from '../cli/errors';
import { visibleControls } from '../cli/format/control-text';
import { describeInternalError } from '../cli/internal-error';
import { describeError } from '../cli/run';
import { InputError } from './inputs';

/**
 * Why FlowGuard could not run, in the words the CLI would use, on one line: an input or flag
 * that does not parse, a flowguard.json or policy that does not load, a baseline that is not
 * there. Messages may quote what was being read, so a credential is masked.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof InputError || error instanceof UsageError || error instanceof CliError) return visibleControls(redactText(error.message));
  if (error instanceof ArtifactError) return visibleControls(redactText(describeError(error))).replace(/^flowguard: /, '');
  return describeInternalError(error, false).trim().replace(/^flowguard: /, '');
}
