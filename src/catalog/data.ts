/** The shape of catalog.data.json (written by scripts/gen-catalog.ts, read by load.ts). */
export interface SizeEntry {
  /** The documented tag the figures are for. */
  tag: string;
  compressed: number | null;
  uncompressed: number | null;
  /** Source files with commit and date. */
  sources: string[];
}

export interface ImageData {
  /** Tags listed now, front-coded (encoding.ts). */
  current: string;
  /** Tags listed only in the past (frozen, unpatched), front-coded. */
  past: string;
  /** True when the whole listing history is known (tags-ever-listed); false: only the current file. */
  history: boolean;
  /** `YYYYMMDD:tag,tag YYYYMMDD:tag`: the last date some past tags were listed (short version lines only). */
  lastListed?: string;
}

export interface CatalogData {
  format: 1;
  source: { description: string; commit: string | null; date: string | null };
  sizeSource: string;
  deprecated: Record<string, string>;
  images: Record<string, ImageData>;
  /** image -> size class (variants.ts `sizeClass`) -> figures. */
  sizes: Record<string, Record<string, SizeEntry>>;
}
