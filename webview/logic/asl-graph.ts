/**
 * A state machine definition (Amazon States Language) as a graph laid out with ELK (elkjs): one box per
 * state, Parallel branches and Map iterations as nested groups, arrows for Next, Choice rules, Default and
 * Catch. Pure: the ELK instance is given, so the webview passes the bundled one (no web worker, which the
 * inspector's CSP forbids) and the unit tests Node's.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';

/** What of ELK this needs: its `layout` call. */
export interface Layouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export type NodeKind = 'start' | 'end' | 'state' | 'branch';
export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** The state's name (states only): what history events name. */
  name?: string;
  /** The state's Type (states only). */
  type?: string;
  /** Whether other nodes are drawn inside (Parallel, Map, a Parallel's branch). */
  group: boolean;
  /** Absolute position in the drawing. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  id: string;
  kind: EdgeKind;
  label?: string;
  /** The polyline, absolute. */
  points: { x: number; y: number }[];
  labelAt?: { x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Groups before what they hold, so drawing in order puts children on top. */
  nodes: GraphNode[];
  edges: GraphEdge[];
}

interface StateDef {
  Type?: unknown;
  Next?: unknown;
  End?: unknown;
  Default?: unknown;
  Choices?: unknown;
  Catch?: unknown;
  Branches?: unknown;
  ItemProcessor?: unknown;
  Iterator?: unknown;
}
interface MachineDef {
  StartAt?: unknown;
  States?: unknown;
}

const CHAR_WIDTH = 7;
const STATE_HEIGHT = 34;
const LABEL_HEIGHT = 14;
const GROUP_PADDING = '[top=30,left=14,bottom=14,right=14]';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const stateId = (name: string) => `state:${name}`;

function textWidth(text: string): number {
  return Math.max(90, Math.min(320, text.length * CHAR_WIDTH + 28));
}

function label(text: string) {
  return { text, width: Math.min(220, text.length * 6 + 6), height: LABEL_HEIGHT };
}

/** The states of a machine, or of a Parallel branch or a Map's ItemProcessor, as ELK children and edges. */
function scope(def: MachineDef, prefix: string, top: boolean): { children: ElkNode[]; edges: ElkExtendedEdge[] } {
  const states = isObject(def.States) ? (def.States as Record<string, StateDef>) : {};
  const children: ElkNode[] = [];
  const edges: ElkExtendedEdge[] = [];
  const names = new Set(Object.keys(states));
  let n = 0;
  const edge = (from: string, to: string, kind: EdgeKind, text?: string) => {
    edges.push({ id: `${prefix}edge:${n++}`, sources: [from], targets: [to], ...(text ? { labels: [label(text)] } : {}), layoutOptions: { kind } });
  };
  const endId = `${prefix}end`;
  let needsEnd = false;
  const to = (next: unknown) => (typeof next === 'string' && names.has(next) ? stateId(next) : undefined);
  if (top) {
    children.push({ id: `${prefix}start`, width: 64, height: 26, labels: [{ text: 'Start' }], layoutOptions: { kind: 'start' } });
    const first = to(def.StartAt);
    if (first) edge(`${prefix}start`, first, 'next');
  }
  for (const [name, state] of Object.entries(states)) {
    const id = stateId(name);
    const type = typeof state?.Type === 'string' ? state.Type : '?';
    const node: ElkNode = { id, width: textWidth(name), height: STATE_HEIGHT, labels: [{ text: name }], layoutOptions: { kind: 'state', type } };
    if (type === 'Parallel' && Array.isArray(state.Branches)) {
      node.children = (state.Branches as MachineDef[]).map((branch, i) => {
        const inner = scope(isObject(branch) ? branch : {}, `${name}/${i}/`, false);
        return {
          id: `branch:${name}:${i}`,
          labels: [{ text: `Branch ${i + 1}` }],
          layoutOptions: { kind: 'branch', 'elk.padding': GROUP_PADDING, 'elk.direction': 'DOWN' },
          ...inner,
        };
      });
      Object.assign(node.layoutOptions!, { 'elk.padding': GROUP_PADDING, 'elk.direction': 'RIGHT' });
      delete node.width;
      delete node.height;
    } else if (type === 'Map' && (isObject(state.ItemProcessor) || isObject(state.Iterator))) {
      const processor = (isObject(state.ItemProcessor) ? state.ItemProcessor : state.Iterator) as MachineDef;
      Object.assign(node, scope(processor, `${name}/`, false));
      Object.assign(node.layoutOptions!, { 'elk.padding': GROUP_PADDING, 'elk.direction': 'DOWN' });
      delete node.width;
      delete node.height;
    }
    children.push(node);
  }
  // Arrows are drawn at their own level only: a branch's states point within the branch.
  for (const [name, state] of Object.entries(states)) {
    const id = stateId(name);
    const next = to(state.Next);
    if (next) edge(id, next, 'next');
    if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
      (state.Choices as { Next?: unknown }[]).forEach((rule, i) => {
        const target = to(rule?.Next);
        if (target) edge(id, target, 'choice', `rule ${i + 1}`);
      });
      const fallback = to(state.Default);
      if (fallback) edge(id, fallback, 'default', 'Default');
    }
    if (Array.isArray(state.Catch)) {
      for (const c of state.Catch as { Next?: unknown; ErrorEquals?: unknown }[]) {
        const target = to(c?.Next);
        if (target) edge(id, target, 'catch', Array.isArray(c?.ErrorEquals) ? c.ErrorEquals.join(', ') : 'catch');
      }
    }
    // The machine's ends lead to End; inside a group the group itself goes on.
    if (top && (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail')) {
      needsEnd = true;
      edge(id, endId, 'next');
    }
  }
  if (needsEnd) children.push({ id: endId, width: 64, height: 26, labels: [{ text: 'End' }], layoutOptions: { kind: 'end' } });
  return { children, edges };
}

/** The ELK graph of a definition: what `layoutDefinition` lays out (exported for the unit tests). */
export function definitionGraph(definition: unknown): ElkNode {
  const def = isObject(definition) ? (definition as MachineDef) : {};
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.nodeNode': '28',
      'elk.edgeLabels.inline': 'true',
      'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
      'org.eclipse.elk.json.edgeCoords': 'ROOT',
    },
    ...scope(def, '', true),
  };
}

/**
 * Lays a definition (JSON text) out. A definition that is not JSON is refused with the parser's words,
 * so the view can say why there is no graph.
 */
export async function layoutDefinition(elk: Layouter, definition: string): Promise<GraphLayout> {
  const graph = definitionGraph(JSON.parse(definition));
  // ELK reads only its own options; `kind` and `type` ride along and are read back below.
  const laid = await elk.layout(graph);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      const kind = (child.layoutOptions?.kind ?? 'state') as NodeKind;
      const text = child.labels?.[0]?.text ?? child.id;
      nodes.push({
        id: child.id,
        kind,
        ...(kind === 'state' ? { name: text, type: child.layoutOptions?.type } : {}),
        group: !!child.children?.length,
        x,
        y,
        width: child.width ?? 0,
        height: child.height ?? 0,
      });
      walk(child, x, y);
    }
    for (const e of node.edges ?? []) {
      const section = e.sections?.[0];
      if (!section) continue;
      const l = e.labels?.[0];
      edges.push({
        id: e.id,
        kind: (e.layoutOptions?.kind ?? 'next') as EdgeKind,
        ...(l?.text ? { label: l.text } : {}),
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y })),
        ...(l && l.x !== undefined && l.y !== undefined ? { labelAt: { x: l.x, y: l.y + LABEL_HEIGHT - 3 } } : {}),
      });
    }
  };
  walk(laid, 0, 0);
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}
