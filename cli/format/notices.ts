import type { Notice } from '../../core/findings';

/** Each notice once: every flow without a policy reports the same 'no policy found', but one line says it. */
export function uniqueNotices(notices: readonly Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((notice) => {
    const key = JSON.stringify([notice.file ?? null, notice.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
