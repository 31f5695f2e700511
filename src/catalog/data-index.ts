/**
 * Where each image's entry lies in catalog.data.json, so a run reads and parses only the images its
 * Dockerfiles name: the whole file is 1 MB, and reading and parsing it was 6-10 ms of a one-file
 * start; python's entry is 37 KB. catalog.index.json holds the small fields of the catalog (sources,
 * deprecations, sizes), the data file's length, and each image's byte range. scripts/gen-catalog.ts
 * writes it beside the data, and a test checks that the committed index matches the committed data.
 */
import type { CatalogData } from './data.js';

/** The catalog without its images' tag lists: small enough to parse at every start. */
export type CatalogHead = Omit<CatalogData, 'images'>;

export interface CatalogIndex {
  format: 1;
  /** The length of catalog.data.json this index was made from: another length means another file. */
  dataBytes: number;
  head: CatalogHead;
  /** image -> [byte offset, byte length] of its entry (a JSON object) in catalog.data.json. */
  images: Record<string, [number, number]>;
}

/**
 * The index of a catalog.data.json text (ASCII, so characters are bytes; scripts/gen-catalog.ts
 * writes it so). Finds each image's entry by scanning the JSON text itself, and checks every range
 * parses back to the entry it names.
 */
export function indexCatalogText(text: string): CatalogIndex {
  if (!/^[\x20-\x7e]*\n?$/.test(text)) throw new Error('catalog data is not one line of ASCII');
  const data = JSON.parse(text) as CatalogData;
  const { images, ...head } = data;
  const ranges: Record<string, [number, number]> = {};
  const open = text.indexOf('"images":{');
  if (open === -1) throw new Error('catalog data has no "images" object');
  let at = open + '"images":{'.length;
  for (const name of Object.keys(images)) {
    const key = `${JSON.stringify(name)}:`;
    if (!text.startsWith(key, at)) throw new Error(`catalog data: expected ${key} at ${at}`);
    const start = at + key.length;
    const end = endOfObject(text, start);
    const entry: unknown = JSON.parse(text.slice(start, end));
    if (JSON.stringify(entry) !== JSON.stringify(images[name]))
      throw new Error(`catalog data: the range found for ${name} is not its entry`);
    ranges[name] = [start, end - start];
    at = text[end] === ',' ? end + 1 : end;
  }
  return { format: 1, dataBytes: text.length, head, images: ranges };
}

/** The offset just past the JSON object that starts at `start` (strings may hold braces). */
function endOfObject(text: string, start: number): number {
  if (text[start] !== '{') throw new Error(`catalog data: expected an object at ${start}`);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  throw new Error('catalog data: an image entry does not end');
}
