/**
 * Where the bytes are: the biggest layers, and the wasted bytes — file contents that a later layer
 * deletes (whiteout `.wh.NAME`, opaque directory `.wh..wh..opq`) or overwrites (writes the same
 * path again), which the image still ships in the lower layer. Sizes are file content sizes, as
 * `dive` counts them; the layer size itself is the uncompressed layer tar.
 */
import type { ArchiveImage, ArchiveLayer } from './archive.js';

export interface LayerSummary {
  index: number;
  bytes: number;
  instruction: string | null;
  files: number;
}

export interface WasteGroup {
  /** Layer that added the files, and the layer that deleted / overwrote them. */
  addedIn: number;
  removedIn: number;
  how: 'deleted' | 'overwritten';
  bytes: number;
  files: number;
  /** Common directory of the files (or the single file). */
  path: string;
  /** The biggest file of the group. */
  largest: { path: string; bytes: number };
  addedBy: string | null;
  removedBy: string | null;
}

export interface LayerAnalysis {
  bytes: number;
  layerCount: number;
  /** Biggest layers first (at most `top`). */
  biggest: LayerSummary[];
  wastedBytes: number;
  wastedFiles: number;
  /** Waste grouped by (adding layer, removing layer, how), biggest first (at most `top`). */
  waste: WasteGroup[];
}

const WH = '.wh.';
const OPAQUE = '.wh..wh..opq';

function split(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return i === -1 ? ['', path] : [path.slice(0, i), path.slice(i + 1)];
}

function commonDir(a: string, b: string): string {
  const pa = a.split('/');
  const pb = b.split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) out.push(pa[i]!);
  return out.join('/');
}

interface Live {
  layer: number;
  size: number;
}

export function analyzeLayers(image: ArchiveImage, top = 5): LayerAnalysis {
  const live = new Map<string, Live>(); // regular files currently visible
  const groups = new Map<string, WasteGroup>();
  const layers: ArchiveLayer[] = image.layers;
  let wastedBytes = 0;
  let wastedFiles = 0;

  const waste = (path: string, f: Live, removedIn: number, how: WasteGroup['how']) => {
    live.delete(path);
    if (f.size === 0) return;
    wastedBytes += f.size;
    wastedFiles++;
    const key = `${f.layer}/${removedIn}/${how}`;
    const g = groups.get(key);
    if (g) {
      g.bytes += f.size;
      g.files++;
      g.path = commonDir(g.path, path);
      if (f.size > g.largest.bytes) g.largest = { path, bytes: f.size };
    } else {
      groups.set(key, {
        addedIn: f.layer,
        removedIn,
        how,
        bytes: f.size,
        files: 1,
        path,
        largest: { path, bytes: f.size },
        addedBy: layers[f.layer]?.instruction ?? null,
        removedBy: layers[removedIn]?.instruction ?? null,
      });
    }
  };
  const removeTree = (dir: string, layer: number, keepDirItself: boolean) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const [p, f] of live) {
      if ((!keepDirItself && p === dir) || p.startsWith(prefix)) waste(p, f, layer, 'deleted');
    }
  };

  for (const layer of layers) {
    // whiteouts hide lower layers only: apply them before this layer's own files
    for (const e of layer.entries) {
      const [dir, base] = split(e.path);
      if (base === OPAQUE) removeTree(dir, layer.index, true);
      else if (base.startsWith(WH))
        removeTree(dir === '' ? base.slice(WH.length) : `${dir}/${base.slice(WH.length)}`, layer.index, false);
    }
    for (const e of layer.entries) {
      const [, base] = split(e.path);
      if (base.startsWith(WH) || e.type === 'directory') continue;
      const before = live.get(e.path);
      if (before) waste(e.path, before, layer.index, 'overwritten');
      if (e.type === 'file') live.set(e.path, { layer: layer.index, size: e.size });
    }
  }

  const summaries = layers.map((l) => ({
    index: l.index,
    bytes: l.bytes,
    instruction: l.instruction,
    files: l.entries.filter((e) => e.type !== 'directory').length,
  }));
  return {
    bytes: image.bytes,
    layerCount: layers.length,
    biggest: [...summaries].sort((a, b) => b.bytes - a.bytes).slice(0, top),
    wastedBytes,
    wastedFiles,
    waste: [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}
