import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import type { Finding } from '../../core/findings';
import { readBaseline } from './file';
import { fingerprintFindings, relativeTo } from './fingerprints';

export interface BaselineMatch {
  /** The findings the baseline records: not reported, not counted in the exit code. */
  baselined: Set<Finding>;
  /** The baseline's display path, for the note. */
  display: string;
}

/** Which of `findings` (all of one run, in the engine's order) the baseline file records. */
export async function matchBaseline(findings: readonly Finding[], file: string, cwd: string): Promise<BaselineMatch> {
  const abs = path.resolve(cwd, file);
  const display = displayPath(abs, cwd);
  const baseline = await readBaseline(abs, display);
  const relocate = relativeTo(path.dirname(abs), cwd);
  const recorded = new Set(baseline.findings.map((e) => e.fingerprint));
  const fingerprints = fingerprintFindings(findings, (f) => ({ ...f, file: relocate(f.file) }));
  const baselined = new Set(findings.filter((f) => !f.suppressed && recorded.has(fingerprints.get(f)!)));
  return { baselined, display };
}

export function baselineNotice(match: BaselineMatch): string {
  const n = match.baselined.size;
  return `${n} finding${n === 1 ? ' is' : 's are'} recorded in baseline ${match.display} and not reported.`;
}
