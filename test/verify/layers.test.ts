import { describe, expect, it } from 'vitest';
import type { ArchiveImage, LayerEntry } from '../../src/verify/archive.js';
import { analyzeLayers } from '../../src/verify/layers.js';

const f = (path: string, size: number): LayerEntry => ({ path, type: 'file', size });
const d = (path: string): LayerEntry => ({ path, type: 'directory', size: 0 });

function image(...layers: Array<{ bytes: number; instruction: string; entries: LayerEntry[] }>): ArchiveImage {
  return {
    format: 'docker-archive',
    bytes: layers.reduce((s, l) => s + l.bytes, 0),
    layers: layers.map((l, index) => ({ ...l, index })),
  };
}

describe('layer analysis', () => {
  it('counts files deleted by a whiteout in a later layer as wasted (the deb-curl pattern)', () => {
    const a = analyzeLayers(
      image(
        { bytes: 5000, instruction: 'ADD rootfs', entries: [d('var'), d('var/lib'), f('bin/sh', 4000)] },
        {
          bytes: 3000,
          instruction: 'RUN apt-get update',
          entries: [
            d('var/lib/apt/lists'),
            f('var/lib/apt/lists/a_Packages', 2000),
            f('var/lib/apt/lists/b_Packages', 500),
          ],
        },
        { bytes: 800, instruction: 'RUN apt-get install -y curl', entries: [f('usr/bin/curl', 700)] },
        {
          bytes: 100,
          instruction: 'RUN rm -rf /var/lib/apt/lists/*',
          entries: [f('var/lib/apt/lists/.wh.a_Packages', 0), f('var/lib/apt/lists/.wh.b_Packages', 0)],
        },
      ),
    );
    expect(a.wastedBytes).toBe(2500);
    expect(a.wastedFiles).toBe(2);
    expect(a.waste).toEqual([
      {
        addedIn: 1,
        removedIn: 3,
        how: 'deleted',
        bytes: 2500,
        files: 2,
        path: 'var/lib/apt/lists',
        largest: { path: 'var/lib/apt/lists/a_Packages', bytes: 2000 },
        addedBy: 'RUN apt-get update',
        removedBy: 'RUN rm -rf /var/lib/apt/lists/*',
      },
    ]);
    expect(a.bytes).toBe(8900);
    expect(a.layerCount).toBe(4);
    expect(a.biggest.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('a whiteout of a directory deletes everything below it, and nothing beside it', () => {
    const a = analyzeLayers(
      image(
        {
          bytes: 1,
          instruction: 'RUN npm install',
          entries: [f('app/node_modules/x/a.js', 10), f('app/node_modules/y/b.js', 20), f('app/node_modules_keep', 5)],
        },
        { bytes: 1, instruction: 'RUN rm -rf node_modules', entries: [f('app/.wh.node_modules', 0)] },
      ),
    );
    expect(a.wastedBytes).toBe(30);
    expect(a.waste[0]!.path).toBe('app/node_modules');
  });

  it('an opaque directory hides the lower content but keeps what the same layer adds', () => {
    const a = analyzeLayers(
      image(
        { bytes: 1, instruction: 'COPY a', entries: [f('data/old1', 7), f('data/old2', 3), f('other', 100)] },
        { bytes: 1, instruction: 'RUN replace', entries: [d('data'), f('data/.wh..wh..opq', 0), f('data/new', 50)] },
        { bytes: 1, instruction: 'RUN rm new', entries: [f('data/.wh.new', 0)] },
      ),
    );
    expect(a.wastedBytes).toBe(60);
    expect(a.waste.map((w) => [w.addedIn, w.removedIn, w.bytes])).toEqual([
      [1, 2, 50],
      [0, 1, 10],
    ]);
  });

  it('counts the lower copy of an overwritten file, and a chain of overwrites once per copy', () => {
    const a = analyzeLayers(
      image(
        { bytes: 1, instruction: 'COPY . .', entries: [f('app/bundle.js', 100), f('app/keep', 1)] },
        { bytes: 1, instruction: 'RUN build', entries: [f('app/bundle.js', 40)] },
        { bytes: 1, instruction: 'RUN minify', entries: [f('app/bundle.js', 10)] },
      ),
    );
    expect(a.wastedBytes).toBe(140);
    expect(a.waste.every((w) => w.how === 'overwritten')).toBe(true);
  });

  it('nothing is wasted when layers only add files; biggest layers are sorted and limited', () => {
    const a = analyzeLayers(
      image(
        { bytes: 10, instruction: 'A', entries: [f('a', 10)] },
        { bytes: 30, instruction: 'B', entries: [f('b', 30)] },
        { bytes: 20, instruction: 'C', entries: [f('c', 20)] },
      ),
      2,
    );
    expect(a.wastedBytes).toBe(0);
    expect(a.waste).toEqual([]);
    expect(a.biggest.map((l) => l.instruction)).toEqual(['B', 'C']);
  });
});
