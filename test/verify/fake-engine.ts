/** A fake engine for verify's unit tests: scripted outcomes, and a record of what exists. */
import type { ArchiveImage } from '../../src/verify/archive.js';
import type {
  BuildOutcome,
  BuildSpec,
  Engine,
  EngineName,
  SmokeOutcome,
  SmokeSpec,
  StoreSnapshot,
} from '../../src/verify/engine.js';
import { EngineError } from '../../src/verify/engine.js';

export interface FakeScript {
  /** Build result per side (keyed by the tag's suffix). */
  build?: Partial<Record<'original' | 'rewritten', Partial<BuildOutcome>>>;
  smoke?: Partial<Record<'original' | 'rewritten', number>>;
  /** Layer sizes per side. */
  sizes?: Partial<Record<'original' | 'rewritten', number[]>>;
  exportFails?: 'original' | 'rewritten';
  /** Called while building (e.g. to fire a signal mid-build). */
  duringBuild?: (side: string) => Promise<void> | void;
}

export class FakeEngine implements Engine {
  readonly name: EngineName = 'podman';
  readonly images = new Set<string>();
  readonly containers = new Set<string>();
  /** Untagged intermediate images the fake "build" leaves behind. */
  readonly intermediates = new Set<string>();
  readonly calls: string[] = [];
  readonly builds: BuildSpec[] = [];
  /** Set by a test's cleanup action, as the real runner kills a running build: the build then fails. */
  killed = false;
  constructor(private readonly script: FakeScript = {}) {}

  private side(tag: string): 'original' | 'rewritten' {
    return tag.endsWith(':original') ? 'original' : 'rewritten';
  }

  async build(spec: BuildSpec): Promise<BuildOutcome> {
    const side = this.side(spec.tag);
    this.calls.push(`build ${side}`);
    this.builds.push(spec);
    this.intermediates.add(`${side}-step1`);
    this.containers.add(`${side}-working-container`);
    await this.script.duringBuild?.(side);
    const o = this.killed
      ? { ok: false, exitCode: 130, seconds: 0.5, logTail: ['interrupted'] }
      : { ok: true, exitCode: 0, seconds: 1.23, logTail: [], ...this.script.build?.[side] };
    this.containers.delete(`${side}-working-container`);
    if (o.ok) this.images.add(spec.tag);
    return o;
  }

  async exportImage(tag: string, file: string): Promise<void> {
    this.calls.push(`export ${this.side(tag)} ${file}`);
    if (this.script.exportFails === this.side(tag)) throw new EngineError('save failed: disk full');
  }

  /** readArchive replacement: the layers the script gives for the side in the file name. */
  readArchive = async (file: string): Promise<ArchiveImage> => {
    const side = file.includes('original') ? 'original' : 'rewritten';
    const sizes = this.script.sizes?.[side] ?? (side === 'original' ? [1000, 500] : [400]);
    return {
      format: 'docker-archive',
      bytes: sizes.reduce((a, b) => a + b, 0),
      layers: sizes.map((bytes, index) => ({
        index,
        bytes,
        instruction: `STEP ${index}`,
        entries: [{ path: `f${index}`, type: 'file', size: bytes }],
      })),
    };
  };

  async smoke(spec: SmokeSpec): Promise<SmokeOutcome> {
    const side = this.side(spec.tag);
    this.calls.push(`smoke ${side} ${spec.argv.join(' ')}`);
    this.containers.add(spec.name);
    const exitCode = this.script.smoke?.[side] ?? 0;
    this.containers.delete(spec.name);
    return { exitCode, timedOut: false, outputTail: exitCode ? ['boom'] : [] };
  }

  async removeContainer(name: string): Promise<void> {
    this.calls.push(`rm ${name}`);
    this.containers.delete(name);
  }

  async removeImage(ref: string): Promise<void> {
    this.calls.push(`rmi ${ref}`);
    if (!this.images.delete(ref)) throw new EngineError(`no such image ${ref}`);
  }

  async snapshot(): Promise<StoreSnapshot> {
    return { containers: new Set() };
  }

  async removeLeftovers(_before: StoreSnapshot, label: string): Promise<string[]> {
    this.calls.push(`leftovers label ${label}`);
    const gone = [...this.intermediates, ...this.containers];
    this.calls.push(`leftovers ${gone.join(',')}`);
    this.intermediates.clear();
    this.containers.clear();
    return gone;
  }

  get clean(): boolean {
    return this.images.size === 0 && this.containers.size === 0 && this.intermediates.size === 0;
  }
}
