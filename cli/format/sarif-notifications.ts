import type * as Sarif from 'sarif';
import type { Notice, Unreadable } from '../../core/findings';
import type { ArtifactTable } from './sarif-artifacts';
import { placeLocation, withArchivePosition } from './sarif-locations';

// A file that could not be read is a failure of the run, not a finding about the flows, so it
// is reported where SARIF puts tool problems: invocations[0].toolExecutionNotifications.
export function unreadableNotification(unreadable: Unreadable, artifacts: ArtifactTable): Sarif.Notification {
  const placed = placeLocation(artifacts, unreadable.file, unreadable.range);
  return {
    level: 'error',
    message: { text: withArchivePosition(unreadable.message, placed) },
    locations: [{ physicalLocation: placed.physicalLocation }],
  };
}

/** Notices (no policy found, a desktop flow skipped) explain the results, so they travel with them as notes. */
export function noticeNotification(notice: Notice, artifacts: ArtifactTable): Sarif.Notification {
  if (notice.file === undefined) return { level: 'note', message: { text: notice.message } };
  const place = artifacts.place(notice.file);
  const text = place.entry === undefined ? notice.message : `${notice.message} (in ${place.entry})`;
  return { level: 'note', message: { text }, locations: [{ physicalLocation: { artifactLocation: place.location } }] };
}
