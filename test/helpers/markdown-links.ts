/** Every link target of a Markdown text: `[text](target)`, `![alt](target)` and `<img src="target">`. */
export function linkTargets(markdown: string): string[] {
  const inline = [...markdown.matchAll(/!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const images = [...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1] ?? '');
  return [...inline, ...images];
}

/** A target that is neither a URL with a scheme nor an anchor in the same page. */
export function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');
}
