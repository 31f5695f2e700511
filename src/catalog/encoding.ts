/**
 * Front coding for sorted tag lists: each entry is one character giving how many leading
 * characters it shares with the previous entry (0-9a-zA-Z = 0..61), then the rest; entries are
 * separated by spaces (tags never contain one). Sorted tag lists share long prefixes
 * (`3.12.1-slim`, `3.12.1-slim-bookworm`), so this stores ~98k tags in a few hundred KiB of JSON.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function frontEncode(sorted: readonly string[]): string {
  const parts: string[] = [];
  let prev = '';
  for (const tag of sorted) {
    if (/\s/.test(tag) || tag === '') throw new Error(`frontEncode: invalid tag ${JSON.stringify(tag)}`);
    let n = 0;
    const max = Math.min(prev.length, tag.length, DIGITS.length - 1);
    while (n < max && prev[n] === tag[n]) n++;
    parts.push(DIGITS[n] + tag.slice(n));
    prev = tag;
  }
  return parts.join(' ');
}

export function frontDecode(encoded: string): string[] {
  if (!encoded) return [];
  const out: string[] = [];
  let prev = '';
  for (const part of encoded.split(' ')) {
    const n = DIGITS.indexOf(part[0]);
    if (n < 0) throw new Error(`frontDecode: bad prefix character in ${JSON.stringify(part)}`);
    prev = prev.slice(0, n) + part.slice(1);
    out.push(prev);
  }
  return out;
}
