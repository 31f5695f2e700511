/**
 * The container engine behind `slimify verify`, as one interface. docker, podman and buildah
 * implement it by running their CLIs (docker.ts, podman.ts, buildah.ts); unit tests use a fake.
 * Nothing engine- or machine-specific is hard-coded beyond what makes builds comparable (Docker's
 * one-layer-per-instruction semantics): mounts, network, pull policy, isolation come from the
 * user as pass-through arguments (`--engine-arg`, `--run-arg`).
 */
export type EngineName = 'docker' | 'podman' | 'buildah';
export const ENGINE_NAMES: readonly EngineName[] = ['docker', 'podman', 'buildah'];

export interface BuildSpec {
  /** Dockerfile path (on disk; the rewritten text is written to a temporary file first). */
  dockerfile: string;
  /** Build context directory. */
  context: string;
  /** Tag to give the image (unique per run, removed at the end). */
  tag: string;
  target?: string;
  /** `K=V` pairs for `--build-arg`. */
  buildArgs: readonly string[];
  /** Extra arguments for the engine's build command, passed through verbatim. */
  engineArgs: readonly string[];
  /**
   * Labels for the image (`--label K=V`). verify labels every build with its run id: podman and
   * buildah put the label on the intermediate images of a `--layers` build too, which is how
   * exactly those (and nobody else's) are found and removed afterwards.
   */
  labels?: Readonly<Record<string, string>>;
  /** Called with build output as it arrives (for --verbose). */
  onOutput?: (chunk: string) => void;
}

export interface BuildOutcome {
  ok: boolean;
  exitCode: number;
  seconds: number;
  /** Last lines of the build log. */
  logTail: string[];
}

export interface SmokeSpec {
  tag: string;
  /** Full argv to run in the image (replaces ENTRYPOINT and CMD). */
  argv: readonly string[];
  /** Extra arguments for the engine's run command, passed through verbatim. */
  runArgs: readonly string[];
  /** Unique container name (so an interrupted run can be removed by name). */
  name: string;
  timeoutMs: number;
}

export interface SmokeOutcome {
  exitCode: number;
  timedOut: boolean;
  outputTail: string[];
}

/** Ids of the containers that exist before the builds, to find a build container left behind. */
export interface StoreSnapshot {
  containers: ReadonlySet<string>;
}

export interface Engine {
  readonly name: EngineName;
  build(spec: BuildSpec): Promise<BuildOutcome>;
  /** Writes the image as a docker-archive (or OCI) tar to `file`. Throws with the engine's message on failure. */
  exportImage(tag: string, file: string): Promise<void>;
  /** Runs the smoke command in a fresh container that is removed afterwards. */
  smoke(spec: SmokeSpec): Promise<SmokeOutcome>;
  /** Removes a container by name, if it exists (used by cleanup after an interrupted smoke run). */
  removeContainer(name: string): Promise<void>;
  /** Removes an image by tag or id. */
  removeImage(ref: string): Promise<void>;
  /**
   * What exists now, or null when the engine does not leave intermediate images behind
   * (docker: BuildKit keeps build cache, not images; `rmi` removes a classic build's parents).
   */
  snapshot(): Promise<StoreSnapshot | null>;
  /**
   * Removes every image carrying the label `label` (`K=V`: this run's tags and the intermediate
   * images of its `--layers` builds) and the build containers that appeared since `before` and
   * stand on one of those images (an interrupted build's working container). Returns what was removed.
   */
  removeLeftovers(before: StoreSnapshot, label: string): Promise<string[]>;
}

export class EngineError extends Error {
  constructor(
    message: string,
    readonly logTail: string[] = [],
  ) {
    super(message);
  }
}
