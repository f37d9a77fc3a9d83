/** Bounds on what one archive may make FlowGuard hold in memory. */
export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  /** Uncompressed / compressed size of one entry, checked once it passes RATIO_FLOOR bytes. */
  maxRatio: number;
  /** Archives inside archives, the outer one counting as 1; the loader checks it before opening one. */
  maxDepth: number;
}

/**
 * What the archives of one nest (a zip, the zips inside it, ...) have read so far: the nested
 * ones count against the outer archive's budget, so nesting cannot multiply the limits.
 */
export interface ZipBudget {
  bytes: number;
  entries: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 10_000,
  maxEntryBytes: 64 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRatio: 200,
  // Real exports nest three deep at most (a certification package: zip > package.zip > solution zip).
  maxDepth: 4,
};

// Small files of repeated text (empty JSON, padding) legitimately compress far better than 200:1;
// a bomb only matters once it is big.
export const RATIO_FLOOR = MiB;

/** What is known about one entry when it is checked; sizes in bytes. */
export interface EntrySizes {
  name: string;
  /** Declared (before inflating) or counted so far (while inflating). */
  uncompressed: number;
  /** From the central directory; yauzl never reads more than this, so it is a true bound. */
  compressed: number;
  /** All entries so far, this one included. */
  total: number;
}

/**
 * The first limit that `sizes` breaks, as the end of a message ('entry X is ...'), or undefined.
 * Called once with the declared sizes, so an honest oversized entry is never inflated, and again
 * on every inflated chunk with the bytes counted, because a hostile archive may understate them.
 */
export function limitBroken(sizes: EntrySizes, max: ZipLimits, counted: boolean): string | undefined {
  const { name, uncompressed, compressed, total } = sizes;
  if (uncompressed > max.maxEntryBytes) {
    return counted
      ? `entry ${name} inflates past ${formatBytes(max.maxEntryBytes)}; FlowGuard reads at most ${formatBytes(max.maxEntryBytes)} per entry.`
      : `entry ${name} is ${formatBytes(uncompressed)} uncompressed; FlowGuard reads at most ${formatBytes(max.maxEntryBytes)} per entry.`;
  }
  if (total > max.maxTotalBytes) {
    return `the archive inflates past ${formatBytes(max.maxTotalBytes)} in all; FlowGuard reads at most ${formatBytes(max.maxTotalBytes)} per archive, the zips inside it included.`;
  }
  if (uncompressed > RATIO_FLOOR && uncompressed / Math.max(compressed, 1) > max.maxRatio) {
    return `entry ${name} inflates more than ${max.maxRatio} times its compressed size, like a zip bomb; FlowGuard does not read it.`;
  }
  return undefined;
}

export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
