/**
 * Every bound FlowGuard puts on what its input can make it do, in one place, so that the README's
 * "Limits" section and the code cannot drift. Each is far above what any real export needs
 * (FORMATS.md: the largest real flow has a few hundred actions, the largest real policy 1,050
 * connectors); past one, FlowGuard reports the file and the limit instead of crashing or hanging.
 * The archive limits live beside the zip reader (zip-limits.ts) and are re-exported here.
 */
export { DEFAULT_ZIP_LIMITS, RATIO_FLOOR } from './artifacts/zip-limits';

const MiB = 1024 * 1024;

/** Nesting of JSON arrays and objects; past it jsonc-parser's and our walks' recursion is not trusted. */
export const MAX_JSON_DEPTH = 256;

/** Bytes of one file read from disk: a flow, a policy, a flowguard.json (the same as one zip entry). */
export const MAX_FILE_BYTES = 64 * MiB;

/** Bytes of flowguard.json; a real one is a few KiB. */
export const MAX_CONFIG_BYTES = 1 * MiB;

/** Characters of one glob in flowguard.json (`ignore`, `policies`, `exceptions[].file`). */
export const MAX_GLOB_LENGTH = 1_000;

/** Globs in one list of flowguard.json (`ignore`, `policies`, `exceptions`). */
export const MAX_GLOBS = 1_000;

/** Alternatives one glob's braces may expand to (`{a,b}{c,d}` is four). */
export const MAX_GLOB_ALTERNATIVES = 256;

/** Endpoint rules of one connector in one DLP policy. */
export const MAX_ENDPOINT_RULES = 10_000;

/** Characters of one endpoint pattern in a DLP policy. */
export const MAX_ENDPOINT_PATTERN_LENGTH = 2_048;

/** "Did you mean": names longer than this get no suggestion, and at most this many candidates are compared. */
export const MAX_SUGGESTION_NAME_LENGTH = 256;
export const MAX_SUGGESTION_CANDIDATES = 2_000;

/**
 * Run-after links walked per step of a flow to tell whether two steps may run at once (a Do until
 * and a parallel branch that writes what it tests). Real flows need a few per step; past the
 * budget, steps are taken to overlap, which only ever keeps reliability/runaway-loop quiet.
 */
export const MAX_ORDER_WALK_PER_STEP = 100;

export function formatLimitBytes(n: number): string {
  return n >= MiB ? `${Math.round(n / MiB)} MiB` : `${Math.round(n / 1024)} KiB`;
}
