/**
 * Loads the catalog shipped with the package. Until `npm run catalog` has generated data,
 * this is the empty catalog (every reference is unknown, so no base rewrite can pass the
 * post-conditions).
 */
import { emptyCatalog, type Catalog } from './catalog.js';

let cached: Catalog | null = null;

export function loadCatalog(): Catalog {
  cached ??= emptyCatalog();
  return cached;
}
