import type { Finding, Fix } from '../findings';
import { touches } from './apply-edits';

export interface FixSelection {
  /** 'safe': only fixes that never change what a flow does at run time (--fix, fix all). */
  only?: 'safe';
}

/** The fix a finding would get: its first safe one with only 'safe', else its first. Suppressed findings get none. */
export function chosenFix(finding: Finding, selection: FixSelection = {}): Fix | undefined {
  if (finding.suppressed) return undefined;
  return (finding.fixes ?? []).find((fix) => fix.edits.length > 0 && (selection.only !== 'safe' || fix.safe));
}

/** The one file a fix edits; fixes spanning files are never applied in bulk. */
function fileOf(fix: Fix): string | undefined {
  const files = new Set(fix.edits.map((e) => e.file));
  return files.size === 1 ? [...files][0] : undefined;
}

/**
 * The fixes to apply together, by file, in the findings' order. A fix whose edits meet or overlap
 * those of a fix already taken is left out: the next run offers it again on the fixed text.
 */
export function planFixes(findings: readonly Finding[], selection: FixSelection = {}): Map<string, Fix[]> {
  const byFile = new Map<string, Fix[]>();
  for (const finding of findings) {
    const fix = chosenFix(finding, selection);
    const file = fix && fileOf(fix);
    if (!fix || !file) continue;
    const taken = byFile.get(file) ?? [];
    const clash = taken.some((t) => t.edits.some((a) => fix.edits.some((b) => touches(a.range, b.range))));
    if (clash || taken.includes(fix)) continue;
    taken.push(fix);
    byFile.set(file, taken);
  }
  return byFile;
}
