import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { toSlashes } from '../../core/artifacts/paths';
import { splitArchivePath } from './archive-path';
import { absoluteFileUri, encodePath, rootRelative, SRCROOT } from './sarif-uri';

/** Where a display path lives in the run's artifact table. */
export interface ArtifactPlace {
  /** Location of the outermost file on disk: the file itself, or the archive holding it. */
  location: Sarif.ArtifactLocation;
  /** For a zip entry, its path inside that outermost archive ('Workflows/X.json'); otherwise undefined. */
  entry?: string;
  /**
   * The file as the repository knows it, the same from whichever folder FlowGuard ran: its path
   * from the SARIF root (absolute when outside it), then the entries of zips ('a.zip!Workflows/X.json').
   */
  identity: string;
}

const MIME_TYPES: Record<string, string> = {
  zip: 'application/zip',
  json: 'application/json',
  xml: 'application/xml',
};

function mimeType(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  return Object.hasOwn(MIME_TYPES, ext) ? MIME_TYPES[ext] : undefined;
}

/** Where the display paths start (the working folder) and where the SARIF's relative URIs start. */
export interface SarifPlaces {
  cwd: string;
  root: string;
}

/**
 * run.artifacts, built as locations are met. A zip entry is recorded the way SARIF 2.1.0
 * §3.24.2-3 describes nesting: the archive as a top-level artifact, each entry as an artifact
 * whose uri is its member path relative to the archive (no uriBaseId) and whose parentIndex
 * points at the archive.
 */
export class ArtifactTable {
  private readonly artifacts: Sarif.Artifact[] = [];
  private readonly indexes = new Map<string, number>();

  constructor(private readonly places: SarifPlaces) {}

  place(file: string): ArtifactPlace {
    const [outer = file, ...entries] = splitArchivePath(file);
    const fromRoot = rootRelative(outer, this.places.cwd, this.places.root);
    const location: Sarif.ArtifactLocation =
      fromRoot === undefined ? { uri: absoluteFileUri(toSlashes(path.resolve(this.places.cwd, outer))) } : { uri: encodePath(fromRoot), uriBaseId: SRCROOT };
    const outerIndex = this.register(outer, () => ({ location: { ...location }, ...this.mime(outer) }));

    let parentKey = outer;
    let parentIndex = outerIndex;
    for (const entry of entries) {
      const key = `${parentKey}!${entry}`;
      const parent = parentIndex;
      parentIndex = this.register(key, () => ({ location: { uri: encodePath(entry) }, parentIndex: parent, ...this.mime(entry) }));
      parentKey = key;
    }
    return {
      location: { ...location, index: outerIndex },
      ...(entries.length > 0 ? { entry: entries.join('!') } : {}),
      identity: [fromRoot ?? toSlashes(path.resolve(this.places.cwd, outer)), ...entries].join('!'),
    };
  }

  toArray(): Sarif.Artifact[] {
    return this.artifacts;
  }

  private mime(path: string): { mimeType?: string } {
    const type = mimeType(path);
    return type ? { mimeType: type } : {};
  }

  private register(key: string, create: () => Sarif.Artifact): number {
    const known = this.indexes.get(key);
    if (known !== undefined) return known;
    const index = this.artifacts.push(create()) - 1;
    this.indexes.set(key, index);
    return index;
  }
}
