/** The options of the base-switching transforms (slim-base, alpine-base), shared by switch.ts and alpine.ts. */

export type DependencyPolicy = 'skip' | 'prebuilt' | 'compile';

export interface SwitchOptions {
  transform: string;
  target: 'slim' | 'alpine';
  /** What to assume about installs slimify cannot see (requirements files, package.json, scripts). */
  dependencies: DependencyPolicy;
  /** Also switch stages whose output is only copied into other stages. */
  builders: boolean;
}
