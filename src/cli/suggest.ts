/** "Did you mean --write?" for a mistyped flag: the closest known name by edit distance. */

/** Levenshtein distance (insert, delete, substitute; an adjacent swap counts 1, as in git's help.autocorrect). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to `unknown`, or null when none is close enough: at most a third of
 * the longer name's length (1 for short names), so `--wrte` finds `--write` but `--xyz` finds nothing.
 * A known name that starts with the unknown one (`--dry` for `--dry-run`) is also a match.
 */
export function closest(unknown: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(unknown, name);
    const limit = Math.max(1, Math.floor(Math.max(unknown.length, name.length) / 3));
    if (distance <= limit && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best === null && unknown.length >= 3) best = known.find((n) => n.startsWith(unknown)) ?? null;
  return best;
}

/** `--name` for long names, `-n` for one-letter ones. */
export function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}
