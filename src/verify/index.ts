/** Public surface of `slimify verify` (the CLI is src/cli/verify-command.ts). */
export { verify, measuredEstimate } from './verify.js';
export type { VerifyOptions, VerifyDeps, VerifyReport, ImageReport, VerifyStatus } from './verify.js';
export { detectEngine, createEngine } from './detect.js';
export type { Engine, EngineName, BuildSpec, BuildOutcome, SmokeSpec, SmokeOutcome, StoreSnapshot } from './engine.js';
export { ENGINE_NAMES, EngineError } from './engine.js';
export { CleanupRegistry } from './cleanup.js';
export { makeRunner } from './exec.js';
export type { Runner, ExecResult, ExecOptions } from './exec.js';
export { readImageArchive } from './archive.js';
export { analyzeLayers } from './layers.js';
export { renderText, renderJson, humanBytes } from './render.js';
export { splitCommand, joinCommand } from './argv.js';
