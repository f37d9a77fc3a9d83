import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import type { Finding } from '../../core/findings';
import { splitArchivePath } from '../format/archive-path';
import { Fingerprints } from '../format/sarif-fingerprint';

/**
 * Each finding's fingerprint (Fingerprints in cli/format/sarif-fingerprint.ts: rule, file, flow, action,
 * connector, never the line), of the finding as `identify` presents it (a baseline moves the file,
 * a review takes a base flow under its new name). The findings must be in the engine's order,
 * which numbers findings that share all of these the same way every run.
 */
export function fingerprintFindings(findings: readonly Finding[], identify: (finding: Finding) => Finding = (f) => f): Map<Finding, string> {
  const fingerprints = new Fingerprints();
  return new Map(findings.map((f) => [f, fingerprints.next(identify(f))]));
}

/**
 * A display path (relative to `cwd`) re-expressed relative to `folder`, entries of zips kept:
 * a baseline records paths from its own folder, so it matches whichever folder FlowGuard runs in.
 */
export function relativeTo(folder: string, cwd: string): (file: string) => string {
  return (file) => {
    const [outer = file, ...entries] = splitArchivePath(file);
    return [displayPath(path.resolve(cwd, outer), folder), ...entries].join('!');
  };
}
