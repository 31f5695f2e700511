/**
 * Reads an exported image (docker-archive from `docker save` / `podman save` / `buildah push
 * docker-archive:`, or an OCI archive / Docker >= 25 save with index.json) and lists every layer:
 * its entries, its uncompressed size, and the history line (instruction) that created it.
 * The archive is indexed by headers only; each layer is streamed once (gunzip when compressed).
 */
import { createReadStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import type { TarEntry } from './tar.js';
import { TarStreamParser, indexTarFile, normalizeTarPath, readTarMember } from './tar.js';

export interface LayerEntry {
  path: string;
  type: TarEntry['type'];
  size: number;
}

export interface ArchiveLayer {
  /** Position in the image, 0 = bottom. */
  index: number;
  /** Uncompressed size of the layer tar (what `docker images` adds up). */
  bytes: number;
  /** Gzipped size of the layer (what a pull transfers): as stored, or gzipped here when asked for. */
  compressedBytes?: number;
  entries: LayerEntry[];
  /** The history `created_by` of this layer, cleaned up (`RUN apt-get update`), or null. */
  instruction: string | null;
}

export interface ArchiveImage {
  format: 'docker-archive' | 'oci';
  layers: ArchiveLayer[];
  /** Sum of the layers' uncompressed sizes. */
  bytes: number;
  /** Sum of the layers' gzipped sizes (with `{ compressed: true }`). */
  compressedBytes?: number;
  /** ENTRYPOINT and CMD of the image config (what a container runs by default). */
  runConfig?: { entrypoint: string[] | null; cmd: string[] | null };
}

export interface ReadArchiveOptions {
  /** Also measure each layer gzipped (default gzip level, as registries store layers). */
  compressed?: boolean;
}

interface HistoryItem {
  created_by?: string;
  empty_layer?: boolean;
}

/**
 * Turns a history `created_by` into the instruction it came from:
 *   `/bin/sh -c #(nop)  CMD ["x"]` -> `CMD ["x"]`;  `/bin/sh -c apt-get update` -> `RUN apt-get update`;
 *   `|2 A=1 B=2 /bin/sh -c make` -> `RUN make`;  BuildKit's `RUN /bin/sh -c make # buildkit` -> `RUN make`.
 */
export function instructionFromHistory(createdBy: string | undefined): string | null {
  if (!createdBy) return null;
  let s = createdBy.trim().replace(/\s+#\s*buildkit$/, '');
  s = s.replace(/^\|\d+(\s+\S+=\S*)*\s+/, ''); // build-arg prefix of classic builders / buildah
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(s);
  if (nop) return s.slice(nop[0].length).trim();
  const sh = /^(?:RUN\s+)?\/bin\/sh -c\s+/.exec(s);
  if (sh) return `RUN ${s.slice(sh[0].length).trim()}`;
  return s;
}

/** Pairs layers with the history entries that created a layer; aligned from the top when the counts differ. */
export function layerInstructions(history: HistoryItem[] | undefined, layerCount: number): Array<string | null> {
  const made = (history ?? []).filter((h) => !h.empty_layer);
  const out: Array<string | null> = new Array(layerCount).fill(null);
  for (let i = 1; i <= Math.min(made.length, layerCount); i++) {
    out[layerCount - i] = instructionFromHistory(made[made.length - i]!.created_by);
  }
  return out;
}

/** Streams one member of a tar file through the tar parser (gunzipping when it starts with the gzip magic). */
async function readLayer(
  file: string,
  member: TarEntry,
  compressed = false,
): Promise<{ bytes: number; compressedBytes?: number; entries: LayerEntry[] }> {
  const entries: LayerEntry[] = [];
  const parser = new TarStreamParser((e) => entries.push({ path: e.path, type: e.type, size: e.size }));
  if (member.size === 0) return { bytes: 0, compressedBytes: compressed ? 0 : undefined, entries };
  const head = await readTarMember(file, { ...member, size: Math.min(4, member.size) });
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (head.readUInt32LE(0) === 0xfd2fb528)
    throw new Error('zstd-compressed layers are not supported; export uncompressed (docker-archive)');
  const raw = createReadStream(file, { start: member.dataOffset, end: member.dataOffset + member.size - 1 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  let compressedBytes: number | undefined = compressed && gzip ? member.size : undefined;
  let gzipped: Promise<void> | undefined;
  const gz = compressed && !gzip ? createGzip() : undefined;
  if (gz) {
    compressedBytes = 0;
    gzipped = (async () => {
      for await (const c of gz) compressedBytes! += (c as Buffer).length;
    })();
  }
  for await (const chunk of stream) {
    parser.write(chunk as Buffer);
    if (gz && !gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
  }
  parser.end();
  if (gz) {
    gz.end();
    await gzipped;
  }
  return { bytes: parser.bytes, compressedBytes, entries };
}

function byName(index: TarEntry[]): Map<string, TarEntry> {
  return new Map(index.filter((e) => e.type === 'file' || e.type === 'hardlink').map((e) => [e.path, e]));
}

/** The parts of an image config, an OCI index and an OCI manifest that are read here. */
interface ImageConfig {
  history?: HistoryItem[];
  config?: { Entrypoint?: string[] | null; Cmd?: string[] | null };
}
interface OciIndex {
  manifests?: { mediaType?: string; digest: string }[];
}
interface OciManifest {
  layers: { digest: string }[];
  config: { digest: string };
}

async function json<T>(file: string, members: Map<string, TarEntry>, name: string): Promise<T> {
  const m = members.get(normalizeTarPath(name));
  if (!m) throw new Error(`image archive: ${name} is missing`);
  return JSON.parse((await readTarMember(file, m)).toString('utf8')) as T;
}

const blobPath = (digest: string) => `blobs/${digest.replace(':', '/')}`;

/** Reads an image archive on disk. */
export async function readImageArchive(file: string, opts: ReadArchiveOptions = {}): Promise<ArchiveImage> {
  const index = await indexTarFile(file);
  const members = byName(index);
  let layerPaths: string[];
  let history: HistoryItem[] | undefined;
  let run: { Entrypoint?: string[] | null; Cmd?: string[] | null } | undefined;
  let format: ArchiveImage['format'];
  if (members.has('manifest.json')) {
    format = 'docker-archive';
    const manifest = await json<Array<{ Config: string; Layers: string[] }>>(file, members, 'manifest.json');
    const first = manifest[0];
    if (!first) throw new Error('image archive: manifest.json lists no image');
    layerPaths = first.Layers;
    const config = await json<ImageConfig>(file, members, first.Config);
    history = config.history;
    run = config.config;
  } else if (members.has('index.json')) {
    format = 'oci';
    let desc = (await json<OciIndex>(file, members, 'index.json')).manifests?.[0];
    // an index may point to another index (multi-platform): follow the first manifest
    for (let depth = 0; desc && /index/.test(desc.mediaType ?? '') && depth < 4; depth++) {
      desc = (await json<OciIndex>(file, members, blobPath(desc.digest))).manifests?.[0];
    }
    if (!desc) throw new Error('image archive: index.json lists no manifest');
    const manifest = await json<OciManifest>(file, members, blobPath(desc.digest));
    layerPaths = manifest.layers.map((l) => blobPath(l.digest));
    const config = await json<ImageConfig>(file, members, blobPath(manifest.config.digest));
    history = config.history;
    run = config.config;
  } else {
    throw new Error('not an image archive: neither manifest.json nor index.json found');
  }
  const instructions = layerInstructions(history, layerPaths.length);
  const layers: ArchiveLayer[] = [];
  for (const [i, p] of layerPaths.entries()) {
    let m = members.get(normalizeTarPath(p));
    // hard-linked duplicates (the same layer twice) point at the first copy
    if (m && m.type === 'hardlink') m = members.get(normalizeTarPath(m.linkname));
    if (!m) throw new Error(`image archive: layer ${p} is missing`);
    const { bytes, compressedBytes, entries } = await readLayer(file, m, opts.compressed);
    layers.push({ index: i, bytes, compressedBytes, entries, instruction: instructions[i] ?? null });
  }
  return {
    format,
    layers,
    bytes: layers.reduce((s, l) => s + l.bytes, 0),
    compressedBytes: opts.compressed ? layers.reduce((s, l) => s + (l.compressedBytes ?? 0), 0) : undefined,
    runConfig: { entrypoint: run?.Entrypoint ?? null, cmd: run?.Cmd ?? null },
  };
}
