/**
 * A small tar reader: enough of POSIX ustar, pax (`x`/`g`) and GNU (`L`/`K` long names, base-256
 * sizes) to list the entries of an image archive and of the layer tars inside it. It never extracts
 * anything: entries are reported with their header fields, data is skipped.
 *
 * Two ways in: `indexTarFile` reads only the headers of a tar on disk (seeking over the data), so
 * an image archive of several GB is listed without reading it; `TarStreamParser` is fed chunks of a
 * (possibly decompressed) stream, for layer tars read out of an archive member.
 */
import { open } from 'node:fs/promises';

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory' | 'other';

export interface TarEntry {
  /** Path as stored, without a leading `./` or `/`, directories without a trailing slash. */
  path: string;
  type: TarEntryType;
  /** Size of the entry's data in bytes (0 for links and directories). */
  size: number;
  /** Link target for hard and symbolic links. */
  linkname: string;
  /** Byte offset of the entry's data inside the tar stream. */
  dataOffset: number;
}

const BLOCK = 512;

/** Normalises a stored path: drops `./` and `/` prefixes and a trailing `/`. */
export function normalizeTarPath(p: string): string {
  let s = p;
  while (s.startsWith('./')) s = s.slice(2);
  while (s.startsWith('/')) s = s.slice(1);
  while (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  return s === '.' ? '' : s;
}

function cString(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

/** Numeric header field: octal text, or GNU base-256 when the high bit of the first byte is set. */
function numField(buf: Buffer, start: number, len: number): number {
  if (buf[start]! & 0x80) {
    let v = buf[start]! & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + buf[start + i]!;
    return v;
  }
  const s = cString(buf, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function isZeroBlock(buf: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

function checksumOk(h: Buffer): boolean {
  const stored = numField(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === stored;
}

/** Parses pax extended header records (`LEN key=value\n`). */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp === -1) break;
    const len = parseInt(data.toString('ascii', pos, sp), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.toString('utf8', sp + 1, pos + len - 1); // without trailing \n
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    pos += len;
  }
  return out;
}

interface RawHeader {
  name: string;
  linkname: string;
  size: number;
  typeflag: string;
}

function readHeader(h: Buffer): RawHeader {
  if (!checksumOk(h)) throw new Error('tar: bad header checksum (not a tar stream, or corrupt)');
  let name = cString(h, 0, 100);
  const magic = h.toString('ascii', 257, 263);
  if (magic.startsWith('ustar')) {
    const prefix = cString(h, 345, 155);
    if (prefix && magic === 'ustar\u0000') name = `${prefix}/${name}`;
  }
  return { name, linkname: cString(h, 157, 100), size: numField(h, 124, 12), typeflag: String.fromCharCode(h[156]!) };
}

function entryType(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\u0000':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    default:
      return 'other';
  }
}

/** Header-level state machine shared by both readers (pending pax / GNU long names). */
class HeaderState {
  private paxPath: string | undefined;
  private paxLink: string | undefined;
  private paxSize: number | undefined;
  private gnuName: string | undefined;
  private gnuLink: string | undefined;

  /** Flags whose data is metadata for the next header, not an entry. */
  static isMeta(flag: string): boolean {
    return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
  }

  meta(flag: string, data: Buffer): void {
    if (flag === 'x') {
      const rec = parsePax(data);
      if (rec.path !== undefined) this.paxPath = rec.path;
      if (rec.linkpath !== undefined) this.paxLink = rec.linkpath;
      if (rec.size !== undefined) this.paxSize = Number(rec.size);
    } else if (flag === 'L') this.gnuName = cString(data, 0, data.length);
    else if (flag === 'K') this.gnuLink = cString(data, 0, data.length);
    // 'g' (global pax) carries nothing we use
  }

  /** Size of the data that follows this header (pax `size` overrides the header field). */
  dataSize(raw: RawHeader): number {
    return HeaderState.isMeta(raw.typeflag) ? raw.size : (this.paxSize ?? raw.size);
  }

  entry(raw: RawHeader, dataOffset: number): TarEntry {
    const type = entryType(raw.typeflag);
    const path = normalizeTarPath(this.paxPath ?? this.gnuName ?? raw.name);
    const linkname = this.paxLink ?? this.gnuLink ?? raw.linkname;
    const size = type === 'file' ? (this.paxSize ?? raw.size) : 0;
    this.paxPath = this.paxLink = this.paxSize = this.gnuName = this.gnuLink = undefined;
    return { path, type, size, linkname, dataOffset };
  }
}

const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

/** Lists the entries of a tar file on disk, reading only headers (and pax/long-name records). */
export async function indexTarFile(file: string): Promise<TarEntry[]> {
  const fh = await open(file, 'r');
  try {
    const { size: total } = await fh.stat();
    const entries: TarEntry[] = [];
    const state = new HeaderState();
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    while (pos + BLOCK <= total) {
      const { bytesRead } = await fh.read(h, 0, BLOCK, pos);
      if (bytesRead < BLOCK || isZeroBlock(h)) break;
      const raw = readHeader(h);
      const dataOffset = pos + BLOCK;
      const size = state.dataSize(raw);
      if (HeaderState.isMeta(raw.typeflag)) {
        const data = Buffer.alloc(raw.size);
        await fh.read(data, 0, raw.size, dataOffset);
        state.meta(raw.typeflag, data);
      } else {
        entries.push(state.entry(raw, dataOffset));
      }
      pos = dataOffset + padded(size);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Reads a whole small member (manifest.json, a config blob) of a tar file on disk. */
export async function readTarMember(file: string, entry: TarEntry): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(entry.size);
    await fh.read(buf, 0, entry.size, entry.dataOffset);
    return buf;
  } finally {
    await fh.close();
  }
}

/**
 * Push-parser for a tar stream: `write(chunk)` as data arrives, `end()` at the end. Calls `onEntry`
 * for every entry; counts the bytes seen (`bytes`), which for a layer tar is its uncompressed size.
 */
export class TarStreamParser {
  bytes = 0;
  private buf: Buffer = Buffer.alloc(0);
  /** Data bytes still to skip for the current entry (including padding). */
  private skip = 0;
  /** When collecting a meta record: its flag, size and the bytes collected so far. */
  private metaFlag: string | null = null;
  private metaSize = 0;
  private metaParts: Buffer[] = [];
  private metaHave = 0;
  private metaSkipPad = 0;
  private done = false;
  private readonly state = new HeaderState();

  constructor(private readonly onEntry: (e: TarEntry) => void) {}

  write(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.done) return;
    const data = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.buf = Buffer.alloc(0);
    let off = 0;
    const base = this.bytes - data.length; // stream offset of data[0]
    while (off < data.length) {
      if (this.metaFlag !== null) {
        const take = Math.min(this.metaSize - this.metaHave, data.length - off);
        this.metaParts.push(data.subarray(off, off + take));
        this.metaHave += take;
        off += take;
        if (this.metaHave === this.metaSize) {
          this.state.meta(this.metaFlag, Buffer.concat(this.metaParts));
          this.metaFlag = null;
          this.metaParts = [];
          this.skip = this.metaSkipPad;
        }
        continue;
      }
      if (this.skip > 0) {
        const take = Math.min(this.skip, data.length - off);
        this.skip -= take;
        off += take;
        continue;
      }
      if (data.length - off < BLOCK) {
        this.buf = Buffer.from(data.subarray(off));
        return;
      }
      const h = data.subarray(off, off + BLOCK);
      off += BLOCK;
      if (isZeroBlock(h)) {
        this.done = true;
        return;
      }
      const raw = readHeader(h);
      const size = this.state.dataSize(raw);
      if (HeaderState.isMeta(raw.typeflag)) {
        this.metaFlag = raw.typeflag;
        this.metaSize = raw.size;
        this.metaHave = 0;
        this.metaSkipPad = padded(raw.size) - raw.size;
        if (raw.size === 0) {
          this.state.meta(raw.typeflag, Buffer.alloc(0));
          this.metaFlag = null;
        }
      } else {
        this.onEntry(this.state.entry(raw, base + off));
        this.skip = padded(size);
      }
    }
  }

  end(): void {
    if (!this.done && (this.skip > 0 || this.metaFlag !== null)) {
      throw new Error('tar: stream ended inside an entry (truncated layer)');
    }
  }
}
