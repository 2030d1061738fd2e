/**
 * ELK for the graph. scripts/build.mjs bundles elkjs's synchronous build (no web worker: the inspector's
 * CSP allows none) into dist/elk.js, which only a state machine's page loads (html.ts), so the other
 * inspectors do not pay for its 1.6 MB. It sets `globalThis.ELK`.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Layouter } from '../logic/asl-graph';

type ElkConstructor = new () => { layout(graph: ElkNode): Promise<ElkNode> };

let elk: Layouter | undefined;

export function layouter(): Layouter {
  if (elk) return elk;
  const Elk = (globalThis as { ELK?: ElkConstructor }).ELK;
  if (!Elk) throw new Error('The graph layout (dist/elk.js) did not load.');
  elk = new Elk();
  return elk;
}
