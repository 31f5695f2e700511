/**
 * buildah:
 *   build:  buildah build --layers --force-rm -f F -t T [--target S] [--build-arg K=V]... [engine args] CONTEXT
 *           (--layers: one layer per instruction as Docker does; without it buildah squashes the last
 *           stage, and sizes would not be comparable with what `docker build` produces)
 *   export: buildah push T docker-archive:FILE:T
 *   smoke:  buildah from --name N T; buildah run [run args] N -- ARGV...; buildah rm N
 *           (`buildah run` does not apply ENTRYPOINT: the smoke command is the full argv, on every engine)
 *   leftovers: `buildah images -a --json` / `buildah containers -a --json` before and after.
 */
import type { BuildOutcome, BuildSpec, Engine, EngineName, SmokeOutcome, SmokeSpec, StoreSnapshot } from './engine.js';
import { EngineError } from './engine.js';
import type { Runner } from './exec.js';
import { buildArgv, timedBuild } from './build-command.js';
import { parseJsonList, removeEach } from './store-listing.js';

export class BuildahEngine implements Engine {
  readonly name: EngineName = 'buildah';
  constructor(
    private readonly run: Runner,
    private readonly bin = 'buildah',
  ) {}

  buildArgv(spec: BuildSpec): string[] {
    return buildArgv(['build', '--layers', '--force-rm'], spec);
  }

  build(spec: BuildSpec): Promise<BuildOutcome> {
    return timedBuild(this.run, this.bin, this.buildArgv(spec), spec);
  }

  async exportImage(tag: string, file: string): Promise<void> {
    const r = await this.run(this.bin, ['push', '--quiet', tag, `docker-archive:${file}:${tag}`], { tailLines: 20 });
    if (r.code !== 0) throw new EngineError(`buildah could not export ${tag} (exit ${r.code})`, r.tail);
  }

  async smoke(spec: SmokeSpec): Promise<SmokeOutcome> {
    if (spec.argv.length === 0) throw new EngineError('empty smoke command');
    const from = await this.run(this.bin, ['from', '--quiet', '--name', spec.name, spec.tag], { tailLines: 20 });
    if (from.code !== 0) return { exitCode: 125, timedOut: false, outputTail: from.tail };
    try {
      const r = await this.run(this.bin, ['run', ...spec.runArgs, spec.name, '--', ...spec.argv], {
        timeoutMs: spec.timeoutMs,
        tailLines: 20,
      });
      return { exitCode: r.code, timedOut: r.timedOut, outputTail: r.tail };
    } finally {
      await this.removeContainer(spec.name);
    }
  }

  async removeContainer(name: string): Promise<void> {
    await this.run(this.bin, ['rm', name], { tailLines: 5 });
  }

  async removeImage(ref: string): Promise<void> {
    const r = await this.run(this.bin, ['rmi', ref], { tailLines: 5 });
    if (r.code !== 0) throw new EngineError(`buildah rmi ${ref} failed (exit ${r.code})`, r.tail);
  }

  private async labelledImages(label: string): Promise<string[]> {
    const r = await this.run(this.bin, ['images', '-a', '--no-trunc', '--filter', `label=${label}`, '--json'], {
      tailLines: 5,
    });
    return r.code === 0 ? parseJsonList(r.stdout).map((i) => String(i.id)) : [];
  }

  private async listContainers(): Promise<Array<{ id: string; image: string; build: boolean }>> {
    const r = await this.run(this.bin, ['containers', '-a', '--json'], { tailLines: 5 });
    if (r.code !== 0) return [];
    return parseJsonList(r.stdout).map((c) => ({
      id: String(c.id),
      image: String(c.imageid ?? ''),
      build: c.builder === true,
    }));
  }

  async snapshot(): Promise<StoreSnapshot> {
    return { containers: new Set((await this.listContainers()).map((c) => c.id)) };
  }

  async removeLeftovers(before: StoreSnapshot, label: string): Promise<string[]> {
    const images = await this.labelledImages(label);
    const ours = (img: string) => images.some((i) => i.startsWith(img) || img.startsWith(i));
    const ctrs = (await this.listContainers())
      .filter((c) => c.build && !before.containers.has(c.id) && c.image && ours(c.image))
      .map((c) => c.id);
    const removed = await removeEach(ctrs, (id) => this.run(this.bin, ['rm', id], { tailLines: 5 }));
    removed.push(...(await removeEach(images, (id) => this.run(this.bin, ['rmi', '-f', id], { tailLines: 5 }))));
    return removed;
  }
}
