/** Values given as repeated options, commas or lines (`--only a,b --only c`, a YAML list in one string): one clean list, or undefined when none was given. */
export function splitList(values: unknown): string[] | undefined {
  if (values === undefined || values === null) return undefined;
  return (Array.isArray(values) ? values : [values])
    .flatMap((v) => String(v).split(/[\n,]/))
    .map((s) => s.trim())
    .filter(Boolean);
}
