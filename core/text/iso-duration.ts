/**
 * ISO 8601 durations as the workflow engine writes them in `limit.timeout` and Delay settings:
 * 'PT1H', 'P1DT12H', 'P2W', 'PT0.5S'. Calendar units have no fixed length, so a duration is
 * measured at its shortest: a month as 28 days, a year as 365 days. A caller that asks "is this
 * surely longer than X" then never overstates it.
 */
const DURATION = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const DAY = 86_400;
/** Seconds per unit, in the order the pattern captures them; Y and M at their shortest. */
const UNIT_SECONDS = [365 * DAY, 28 * DAY, 7 * DAY, DAY, 3_600, 60, 1];

/** The shortest number of seconds `text` can mean, or undefined when it is no ISO 8601 duration. */
export function shortestSeconds(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const parts = match.slice(1);
  // 'P' and 'PT' alone match the pattern but name no duration.
  if (parts.every((p) => p === undefined)) return undefined;
  let seconds = 0;
  parts.forEach((part, i) => {
    if (part !== undefined) seconds += Number(part.replace(',', '.')) * (UNIT_SECONDS[i] as number);
  });
  return seconds;
}
