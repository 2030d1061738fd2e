import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { GraphEdge, GraphLayout, GraphNode } from '../logic/asl-graph';
import type { StateProgress } from '../logic/execution-overlay';

const STATUS_WORDS: Record<StateProgress['status'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  caught: 'failed, caught',
  cancelled: 'cancelled',
};

/**
 * The state machine graph as SVG in the theme's colours: states as boxes (Parallel and Map as groups
 * holding theirs), coloured by an execution's progress. Text goes in as text nodes only (lit's svg
 * template escapes it). Clicking a state, or Enter on it, fires `select-state` with its name.
 */
@customElement('ey-sfn-graph')
export class StateMachineGraph extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      max-height: 70vh;
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      background: var(--vscode-editor-background);
    }
    svg {
      display: block;
      font-family: var(--vscode-font-family);
      font-size: 12px;
    }
    .box {
      fill: var(--vscode-editorWidget-background, var(--vscode-editor-background));
      stroke: var(--vscode-editorWidget-border, var(--vscode-foreground));
      stroke-width: 1;
    }
    .group > .box {
      fill: none;
      stroke-dasharray: 4 3;
    }
    .branch > .box {
      fill: none;
      stroke: var(--vscode-panel-border, var(--vscode-foreground));
      stroke-opacity: 0.6;
    }
    text {
      fill: var(--vscode-foreground);
    }
    .state {
      cursor: pointer;
    }
    .state:focus {
      outline: none;
    }
    .state:focus > .box,
    .state.selected > .box {
      stroke: var(--vscode-focusBorder);
      stroke-width: 2;
    }
    .start > .box,
    .end > .box {
      fill: var(--vscode-badge-background);
      stroke: none;
    }
    .start > text,
    .end > text {
      fill: var(--vscode-badge-foreground);
    }
    .state[data-status] > .box {
      stroke-width: 2;
      fill-opacity: 0.25;
    }
    .state[data-status='running'] > .box {
      stroke: var(--vscode-charts-blue, var(--vscode-focusBorder));
      fill: var(--vscode-charts-blue, var(--vscode-focusBorder));
    }
    .state[data-status='succeeded'] > .box {
      stroke: var(--vscode-charts-green);
      fill: var(--vscode-charts-green);
    }
    .state[data-status='failed'] > .box {
      stroke: var(--vscode-errorForeground, var(--vscode-charts-red));
      fill: var(--vscode-errorForeground, var(--vscode-charts-red));
    }
    .state[data-status='caught'] > .box {
      stroke: var(--vscode-charts-orange);
      fill: var(--vscode-charts-orange);
    }
    .state[data-status='cancelled'] > .box {
      stroke: var(--vscode-disabledForeground);
      fill: var(--vscode-disabledForeground);
    }
    .group[data-status] > .box {
      fill: none;
    }
    .retries {
      fill: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground));
      font-size: 11px;
    }
    .type {
      fill: var(--vscode-descriptionForeground);
      font-size: 10px;
    }
    .edge {
      fill: none;
      stroke: var(--vscode-editorWidget-border, var(--vscode-foreground));
      stroke-opacity: 0.8;
      marker-end: url(#arrow);
    }
    .edge.catch {
      stroke: var(--vscode-charts-orange);
      stroke-dasharray: 5 3;
    }
    .edge.default {
      stroke-dasharray: 2 3;
    }
    .edge-label {
      fill: var(--vscode-descriptionForeground);
      font-size: 10px;
    }
    #arrow path {
      fill: var(--vscode-editorWidget-border, var(--vscode-foreground));
    }
  `;

  @property({ attribute: false }) accessor layout: GraphLayout | undefined;
  @property({ attribute: false }) accessor progress: Map<string, StateProgress> = new Map();
  @property() accessor selected = '';

  private choose(name: string) {
    this.dispatchEvent(new CustomEvent('select-state', { detail: name, bubbles: true, composed: true }));
  }

  override render() {
    const l = this.layout;
    if (!l) return nothing;
    const pad = 8;
    return html`<svg
      role="group"
      aria-label="State machine graph"
      width=${l.width + pad * 2}
      height=${l.height + pad * 2}
      viewBox="${-pad} ${-pad} ${l.width + pad * 2} ${l.height + pad * 2}"
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z"></path>
        </marker>
      </defs>
      ${l.nodes.filter((n) => n.group).map((n) => this.node(n))}
      ${l.edges.map((e) => this.edge(e))}
      ${l.nodes.filter((n) => !n.group).map((n) => this.node(n))}
    </svg>`;
  }

  private edge(e: GraphEdge) {
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' ');
    return svg`<path class="edge ${e.kind}" d=${d}><title>${e.label ?? e.kind}</title></path>
      ${e.label && e.labelAt ? svg`<text class="edge-label" x=${e.labelAt.x} y=${e.labelAt.y}>${e.label}</text>` : nothing}`;
  }

  private node(n: GraphNode) {
    if (n.kind === 'start' || n.kind === 'end') {
      return svg`<g class=${n.kind}>
        <rect class="box" x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx=${n.height / 2}></rect>
        <text x=${n.x + n.width / 2} y=${n.y + n.height / 2 + 4} text-anchor="middle">${n.kind === 'start' ? 'Start' : 'End'}</text>
      </g>`;
    }
    if (n.kind === 'branch') {
      return svg`<g class="branch group"><rect class="box" x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx="4"></rect></g>`;
    }
    const name = n.name ?? '';
    const p = this.progress.get(name);
    const status = p ? STATUS_WORDS[p.status] : 'not reached';
    const retried = p && p.retries ? `, retried ${p.retries} time${p.retries === 1 ? '' : 's'}` : '';
    return svg`<g
      class="state ${n.group ? 'group' : ''} ${name === this.selected ? 'selected' : ''}"
      data-state=${name}
      data-status=${p?.status ?? nothing}
      tabindex="0"
      role="button"
      aria-label="${name} (${n.type ?? 'state'}): ${status}${retried}"
      @click=${(ev: Event) => {
        ev.stopPropagation();
        this.choose(name);
      }}
      @keydown=${(ev: KeyboardEvent) => (ev.key === 'Enter' || ev.key === ' ') && this.choose(name)}
    >
      <title>${name} (${n.type ?? 'state'}): ${status}${retried}</title>
      <rect class="box" x=${n.x} y=${n.y} width=${n.width} height=${n.height} rx="5"></rect>
      ${n.group
        ? svg`<text x=${n.x + 8} y=${n.y + 18}>${name}</text><text class="type" x=${n.x + n.width - 8} y=${n.y + 18} text-anchor="end">${n.type}</text>`
        : svg`<text x=${n.x + n.width / 2} y=${n.y + n.height / 2 + 4} text-anchor="middle">${name}</text>`}
      ${p && p.retries ? svg`<text class="retries" x=${n.x + n.width - 4} y=${n.y + 11} text-anchor="end">↻${p.retries}</text>` : nothing}
    </g>`;
  }
}
