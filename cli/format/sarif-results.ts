import type * as Sarif from 'sarif';
import type { Finding, RelatedLocation } from '../../core/findings';
import type { ArtifactTable } from './sarif-artifacts';
import { LINE_HASH_KEY, type LineHashes } from './sarif-fingerprint';
import { placeLocation, withArchivePosition } from './sarif-locations';
import { logicalLocations } from './sarif-logical';
import { sarifLevel, type RuleTable } from './sarif-rules';

export interface ResultTables {
  rules: RuleTable;
  artifacts: ArtifactTable;
  lineHashes: LineHashes;
  /** The findings a --baseline records, when one is in use. */
  baselined?: ReadonlySet<Finding>;
}

// SARIF §3.11.6: inside the text of an embedded link, '[' ']' and '\' must be escaped. The
// final period goes too: the list of links ends the sentence itself.
function linkText(message: string): string {
  return message.replace(/\.$/, '').replace(/[\\[\]]/g, '\\$&');
}

/** Enough links to follow the story; a mixed-groups finding can have dozens of related actions. */
const MAX_LINKS = 5;

/**
 * GitHub shows related locations only where the message links to them by id, so the first
 * related messages are appended as links; relatedLocations itself always lists them all.
 */
function withRelatedLinks(text: string, related: readonly RelatedLocation[]): string {
  if (related.length === 0) return text;
  const links = related.slice(0, MAX_LINKS).map((r, i) => `[${linkText(r.message)}](${i + 1})`);
  const more = related.length > MAX_LINKS ? ` and ${related.length - MAX_LINKS} more` : '';
  return `${text} Related: ${links.join(', ')}${more}.`;
}

function relatedLocation(related: RelatedLocation, artifacts: ArtifactTable): Sarif.Location {
  const placed = placeLocation(artifacts, related.file, related.range);
  return {
    physicalLocation: placed.physicalLocation,
    message: { text: withArchivePosition(related.message, placed) },
  };
}

/**
 * A data path as SARIF's codeFlows, which GitHub shows under "Show paths": one thread flow
 * through the path's steps in order (they may be in other files), ending where the result is
 * reported, as a code scanning path does. relatedLocations keeps listing the same steps, for
 * the viewers and the message links that read those.
 */
function codeFlows(related: readonly RelatedLocation[], primary: Sarif.Location, message: string, artifacts: ArtifactTable): Sarif.CodeFlow[] | undefined {
  const steps = related.filter((r) => r.hop !== undefined).sort((a, b) => a.hop! - b.hop!);
  if (steps.length === 0) return undefined;
  const locations: Sarif.ThreadFlowLocation[] = steps.map((r) => ({ location: relatedLocation(r, artifacts) }));
  locations.push({ location: { physicalLocation: primary.physicalLocation, message: { text: message } } });
  return [{ threadFlows: [{ locations }] }];
}

/** Only the facts the finding has, so consumers can tell absent from empty. */
function properties(finding: Finding): Sarif.PropertyBag {
  const bag: Sarif.PropertyBag = {};
  if (finding.flow !== undefined) bag['flow'] = finding.flow;
  if (finding.action !== undefined) bag['action'] = finding.action;
  if (finding.connector !== undefined) bag['connector'] = finding.connector;
  return bag;
}

// The message is the rule's own text, already masked by the rule; only positions and the
// related messages (also from rules) are added to it, never values read from the files.
export function toResult(finding: Finding, tables: ResultTables): Sarif.Result {
  const placed = placeLocation(tables.artifacts, finding.file, finding.range);
  const related = finding.related ?? [];
  const logical = logicalLocations(finding.flow, finding.action);
  const location: Sarif.Location = {
    physicalLocation: placed.physicalLocation,
    ...(logical ? { logicalLocations: logical } : {}),
  };
  const message = withArchivePosition(finding.message, placed);
  const flows = codeFlows(related, location, message, tables.artifacts);
  return {
    ruleId: finding.ruleId,
    ruleIndex: tables.rules.indexOf(finding.ruleId, finding.severity),
    level: sarifLevel(finding.severity),
    message: { text: withRelatedLinks(message, related) },
    locations: [location],
    ...(flows ? { codeFlows: flows } : {}),
    ...(related.length > 0
      ? { relatedLocations: related.map((r, i) => ({ id: i + 1, ...relatedLocation(r, tables.artifacts) })) }
      : {}),
    partialFingerprints: { [LINE_HASH_KEY]: tables.lineHashes.next(finding, placed.identity) },
    ...(finding.suppressed ? { suppressions: [suppression(finding.suppressed)] } : {}),
    ...(tables.baselined ? { baselineState: tables.baselined.has(finding) ? 'unchanged' : 'new' } : {}),
    properties: properties(finding),
  };
}

/** A note on the action is written in the source; an exceptions entry in flowguard.json is not. */
function suppression(s: NonNullable<Finding['suppressed']>): Sarif.Suppression {
  return {
    kind: s.kind === 'note' ? 'inSource' : 'external',
    status: 'accepted',
    ...(s.reason ? { justification: s.reason } : {}),
  };
}
