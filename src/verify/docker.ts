/**
 * docker (and, by inheritance, podman: its CLI is docker-compatible for everything used here).
 *   build:  docker build -f F -t T [--target S] [--build-arg K=V]... [engine args] CONTEXT
 *   export: docker save -o FILE T          (docker-archive; Docker >= 25 writes OCI layout + manifest.json)
 *   smoke:  docker run --rm --name N [run args] --entrypoint ARGV0 T ARGV1...
 *   remove: docker rmi T, docker rm -f N
 */
import type { BuildOutcome, BuildSpec, Engine, EngineName, SmokeOutcome, SmokeSpec, StoreSnapshot } from './engine.js';
import { EngineError } from './engine.js';
import type { Runner } from './exec.js';
import { buildArgv, timedBuild } from './build-command.js';

export class DockerEngine implements Engine {
  readonly name: EngineName = 'docker';
  constructor(
    protected readonly run: Runner,
    protected readonly bin: string = 'docker',
  ) {}

  protected buildCommand(): string[] {
    return ['build'];
  }

  buildArgv(spec: BuildSpec): string[] {
    return buildArgv(this.buildCommand(), spec);
  }

  build(spec: BuildSpec): Promise<BuildOutcome> {
    return timedBuild(this.run, this.bin, this.buildArgv(spec), spec);
  }

  protected exportArgv(tag: string, file: string): string[] {
    return ['save', '-o', file, tag];
  }

  async exportImage(tag: string, file: string): Promise<void> {
    const r = await this.run(this.bin, this.exportArgv(tag, file), { tailLines: 20 });
    if (r.code !== 0) throw new EngineError(`${this.bin} could not export ${tag} (exit ${r.code})`, r.tail);
  }

  smokeArgv(spec: SmokeSpec): string[] {
    const [cmd, ...rest] = spec.argv;
    if (cmd === undefined) throw new EngineError('empty smoke command');
    return ['run', '--rm', '--name', spec.name, ...spec.runArgs, '--entrypoint', cmd, spec.tag, ...rest];
  }

  async smoke(spec: SmokeSpec): Promise<SmokeOutcome> {
    const r = await this.run(this.bin, this.smokeArgv(spec), { timeoutMs: spec.timeoutMs, tailLines: 20 });
    if (r.timedOut) await this.removeContainer(spec.name);
    return { exitCode: r.code, timedOut: r.timedOut, outputTail: r.tail };
  }

  async removeContainer(name: string): Promise<void> {
    await this.run(this.bin, ['rm', '-f', name], { tailLines: 5 });
  }

  async removeImage(ref: string): Promise<void> {
    const r = await this.run(this.bin, ['rmi', ref], { tailLines: 5 });
    if (r.code !== 0) throw new EngineError(`${this.bin} rmi ${ref} failed (exit ${r.code})`, r.tail);
  }

  async snapshot(): Promise<StoreSnapshot | null> {
    return null;
  }

  async removeLeftovers(_before: StoreSnapshot, _label: string): Promise<string[]> {
    return [];
  }
}
