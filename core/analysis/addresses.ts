/** A mail address (or a bare `@domain` suffix) written in literal text. */
export interface WrittenAddress {
  /** As written: `partner@fabrikam.com`, or `@fabrikam.com` when only the domain is literal. */
  address: string;
  /** Lower case, without a trailing dot. */
  domain: string;
  /** Offsets of `address` in the text it was found in. */
  start: number;
  end: number;
}

// The local part as RFC 5322 allows it unquoted; the domain as DNS names are written. The local
// part is optional: `@{variables('user')}@fabrikam.com` leaves only `@fabrikam.com` literal,
// and that is enough to know where the mail goes.
const ADDRESS = /([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)\.?/g;

/**
 * Every address in literal text: recipient fields separate them with `;` (the connectors' own
 * descriptions say "separated by semicolons"), and makers also write `,`, spaces and
 * `Name <someone@contoso.com>`; all of those fall between matches. With `bareDomain`
 * 'leading', text that starts with `@fabrikam.com` counts too: the text just after an
 * interpolation, or an expression's literal (`concat(variables('user'), '@fabrikam.com')`).
 */
export function addressesIn(text: string, bareDomain: 'leading' | 'never' = 'never'): WrittenAddress[] {
  if (text.indexOf('@') < 0) return [];
  const out: WrittenAddress[] = [];
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index ?? 0;
    // A bare `@domain` is an address only where a run-time local part comes just before it;
    // elsewhere it is a name (`@odata.type`) or a mention.
    if (match[1] === '' && (bareDomain === 'never' || start > 0)) continue;
    const address = match[0].replace(/\.$/, '');
    out.push({ address, domain: (match[2] ?? '').toLowerCase(), start, end: start + address.length });
  }
  return out;
}
