import { ArtifactError, rangeOf, type SourceFile } from '../artifacts/source';
import type { Span } from '../text/range';

/**
 * A policy file FlowGuard cannot use. The message carries `file:line:col:` because a broken policy
 * is usually reported outside any editor (CLI, CI log); `problem` holds the bare text for front ends
 * that show the position themselves.
 */
export class PolicyError extends ArtifactError {
  constructor(
    source: SourceFile,
    span: Span,
    readonly problem: string,
  ) {
    const start = rangeOf(source, span).start;
    super(source.path, `${source.path}:${start.line + 1}:${start.character + 1}: ${problem}`, span, source);
    this.name = 'PolicyError';
  }
}
