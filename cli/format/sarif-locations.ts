import type * as Sarif from 'sarif';
import type { Range } from '../../core/text/range';
import { oneBased } from './position';
import type { ArtifactTable } from './sarif-artifacts';

export interface PlacedLocation {
  physicalLocation: Sarif.PhysicalLocation;
  /** For a zip entry, 'in Workflows/X.json at line 12, column 5': the words the region cannot carry. */
  whereInArchive?: string;
  /** The file as the repository knows it (ArtifactPlace.identity), for fingerprints. */
  identity: string;
}

// Why a finding inside a zip points at the zip itself:
// SARIF's exact form would be an artifactLocation for the entry (uri 'Workflows/X.json', index
// of the nested artifact, parentIndex to the zip) with the entry's own region. GitHub code
// scanning ignores nesting and reads every uri as a path from the repository root, so that
// form would annotate a 'Workflows/X.json' at the root that does not exist, or, worse, an
// unpacked copy of the solution that happens to sit there. The alert therefore names the zip,
// the file a reviewer can find in the repository; the nested artifact stays in run.artifacts
// for viewers that understand nesting, and the entry path and position go into the message.
// GitHub requires a line/column region; a zip has no lines, so the region is the insertion
// point at its very start, which every viewer can show and none will misread as a real span.
const START_OF_FILE: Sarif.Region = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function region(range: Range): Sarif.Region {
  const { line, column, endLine, endColumn } = oneBased(range);
  return { startLine: line, startColumn: column, endLine, endColumn };
}

export function placeLocation(artifacts: ArtifactTable, file: string, range: Range): PlacedLocation {
  const place = artifacts.place(file);
  if (place.entry === undefined) {
    return { physicalLocation: { artifactLocation: place.location, region: region(range) }, identity: place.identity };
  }
  const { line, column } = oneBased(range);
  return {
    physicalLocation: { artifactLocation: place.location, region: { ...START_OF_FILE } },
    whereInArchive: `in ${place.entry} at line ${line}, column ${column}`,
    identity: place.identity,
  };
}

/** The message text, with the position inside the archive appended when the region cannot show it. */
export function withArchivePosition(message: string, placed: PlacedLocation): string {
  return placed.whereInArchive === undefined ? message : `${message} (${placed.whereInArchive})`;
}
