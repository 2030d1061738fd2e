/**
 * The entry of dist/elk.js (scripts/build.mjs): elkjs's synchronous build, which runs the layout in the
 * page (no web worker, which the inspector's CSP forbids), published as `globalThis.ELK` for elk.ts.
 */
import ELK from 'elkjs/lib/elk.bundled.js';

(globalThis as { ELK?: unknown }).ELK = ELK;
