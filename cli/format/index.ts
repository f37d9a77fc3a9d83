import type { LintResult } from '../../core/engine/result';
import type { FormatName } from '../args';
import { formatCompact } from './compact';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { Formatter } from './types';

export type { FormatOptions, Formatter } from './types';

/**
 * Reports other than SARIF show what needs attention: suppressed findings are left out and
 * counted in a note. SARIF keeps them, marked as suppressed, as code scanning expects.
 */
export function withoutSuppressed(result: LintResult): LintResult {
  const suppressed = result.findings.filter((f) => f.suppressed).length;
  if (suppressed === 0) return result;
  return {
    ...result,
    findings: result.findings.filter((f) => !f.suppressed),
    notices: [
      ...result.notices,
      { message: `${suppressed} finding${suppressed === 1 ? ' is' : 's are'} suppressed by flowguard.json exceptions or action notes; --no-suppressions shows them.` },
    ],
  };
}

/** The names are part of the CLI's contract (`--format <name>`); keep them stable. */
export const formatters: Record<FormatName, Formatter> = {
  stylish: (result, options) => formatStylish(withoutSuppressed(result), options),
  json: (result, options) => formatJson(withoutSuppressed(result), options),
  sarif: formatSarif,
  github: (result, options) => formatGithub(withoutSuppressed(result), options),
  junit: (result, options) => formatJunit(withoutSuppressed(result), options),
  markdown: (result, options) => formatMarkdown(withoutSuppressed(result), options),
  compact: (result, options) => formatCompact(withoutSuppressed(result), options),
};

/** Formats meant to be read by people carry the notices in the report; the others leave them to standard error. */
export const NOTICES_IN_REPORT: ReadonlySet<FormatName> = new Set(['stylish', 'markdown']);
