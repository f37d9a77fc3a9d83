/** The most leading characters a mask ever shows, whatever the secret's length. */
export const MASK_MAX_SHOWN = 4;

/**
 * A secret as messages and formatters may show it: a few leading characters and an ellipsis.
 * At most four characters and at most a quarter of the secret, so a short password shows
 * nothing and no mask narrows a long key down to a guessable remainder.
 */
export function maskSecret(secret: string): string {
  let shown = Math.min(MASK_MAX_SHOWN, Math.floor(secret.length / 4));
  // Cutting between the halves of a surrogate pair would print a broken character.
  const last = secret.charCodeAt(shown - 1);
  if (shown > 0 && last >= 0xd800 && last <= 0xdbff) shown--;
  return `${secret.slice(0, shown)}…`;
}
