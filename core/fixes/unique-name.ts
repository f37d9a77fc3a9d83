/** `wanted`, or `wanted_2`, `wanted_3`, ... : the first that `taken` (lower-case names) does not hold. */
export function uniqueName(wanted: string, taken: ReadonlySet<string>, separator = '_'): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}${separator}${n}`;
  return name;
}
