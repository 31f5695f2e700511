/**
 * Splits an image reference (`registry/name:tag@digest`) following the Docker reference grammar
 * (github.com/distribution/reference): the first path component is a registry when it contains
 * a `.` or `:` or is `localhost`.
 */
export interface ParsedReference {
  registry: string | null;
  /** Repository path without registry, e.g. `library/python`, `python`, `distroless/static-debian12`. */
  path: string;
  tag: string | null;
  digest: string | null;
}

export function parseReference(ref: string): ParsedReference {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, path: rest, tag, digest };
}

/**
 * The Docker Hub official-image name for a reference (`python` for `python`, `library/python`,
 * `docker.io/library/python`), or null when it is not an official image.
 */
export function officialName(ref: ParsedReference): string | null {
  const hub =
    ref.registry === null ||
    ref.registry === 'docker.io' ||
    ref.registry === 'index.docker.io' ||
    ref.registry === 'registry-1.docker.io';
  if (!hub) return null;
  if (!ref.path.includes('/')) return ref.path;
  if (ref.path.startsWith('library/') && ref.path.split('/').length === 2) return ref.path.slice('library/'.length);
  return null;
}

/** The full repository name as a user would write it without tag: `gcr.io/distroless/static-debian12`, `python`. */
export function repositoryName(ref: ParsedReference): string {
  return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}
