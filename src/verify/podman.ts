/**
 * podman: the docker CLI surface (docker.ts) plus what podman needs on its own:
 *   build:  podman build --layers ...            (podman's default; stated so the layer count is Docker's)
 *   export: podman save --format docker-archive -o FILE T
 *   leftovers: `podman images -a` / `podman ps -a --external` before and after, so the intermediate
 *   images of the --layers build and an interrupted build's working container are removed too.
 * Machine settings (runtime, cgroup manager, rlimits) belong in containers.conf (CONTAINERS_CONF)
 * or in pass-through arguments, never here.
 */
import { DockerEngine } from './docker.js';
import type { EngineName, StoreSnapshot } from './engine.js';
import type { Runner } from './exec.js';
import { parseJsonList, removeEach } from './store-listing.js';

export class PodmanEngine extends DockerEngine {
  override readonly name: EngineName = 'podman';
  constructor(run: Runner, bin = 'podman') {
    super(run, bin);
  }

  protected override buildCommand(): string[] {
    return ['build', '--layers'];
  }

  protected override exportArgv(tag: string, file: string): string[] {
    return ['save', '--format', 'docker-archive', '-o', file, tag];
  }

  private async labelledImages(label: string): Promise<string[]> {
    const r = await this.run(
      this.bin,
      ['images', '-a', '--no-trunc', '--filter', `label=${label}`, '--format', 'json'],
      { tailLines: 5 },
    );
    return r.code === 0 ? parseJsonList(r.stdout).map((i) => String(i.Id ?? i.id)) : [];
  }

  private async listContainers(): Promise<Array<{ id: string; image: string; build: boolean }>> {
    const r = await this.run(this.bin, ['ps', '-a', '--external', '--format', 'json'], { tailLines: 5 });
    if (r.code !== 0) return [];
    // Build containers are "external" (made by buildah / podman build, not by podman run): podman
    // lists them with State "storage" and Command ["buildah"].
    return parseJsonList(r.stdout).map((c) => ({
      id: String(c.Id ?? c.ID),
      image: String(c.ImageID ?? ''),
      build: c.State === 'storage' || (Array.isArray(c.Command) && c.Command[0] === 'buildah'),
    }));
  }

  override async snapshot(): Promise<StoreSnapshot> {
    return { containers: new Set((await this.listContainers()).map((c) => c.id)) };
  }

  override async removeLeftovers(before: StoreSnapshot, label: string): Promise<string[]> {
    const images = await this.labelledImages(label);
    const ours = (img: string) => images.some((i) => i.startsWith(img) || img.startsWith(i));
    const ctrs = (await this.listContainers())
      .filter((c) => c.build && !before.containers.has(c.id) && c.image && ours(c.image))
      .map((c) => c.id);
    const removed = await removeEach(ctrs, (id) => this.run(this.bin, ['rm', '-f', id], { tailLines: 5 }));
    removed.push(...(await removeEach(images, (id) => this.run(this.bin, ['rmi', '-f', id], { tailLines: 5 }))));
    return removed;
  }
}
