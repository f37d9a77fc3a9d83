/** The host of a literal URL prefix; undefined when the host itself is built at run time. */
export function literalHost(url: string): string | undefined {
  const match = /^\s*(?:https?|wss?|ftps?):\/\/([^/?#:@{}]+)(?=[/?#:]|$)/i.exec(url);
  return match?.[1]?.toLowerCase();
}

/** `*.contoso.com` matches any subdomain of contoso.com; `api.contoso.com` matches itself only. */
export function hostTrusted(host: string, patterns: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('*.')) return lower.endsWith(p.slice(1)) && lower.length > p.length - 1;
    return lower === p;
  });
}
