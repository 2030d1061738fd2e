import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RecordingOverview, RecordingRequestDetail, RecordingRow } from '../../src/inspector/protocol';
import { listTabStyles, virtualListStyles } from '../components/virtual-list';
import { styleProps } from '../components/style-props';
import { perFrame } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { formatBody } from '../logic/body-format';
import { countUpTo, formatOffset, indexRange, laneBins, stepTime } from '../logic/timeline';
import { PageCache } from '../logic/page-cache';
import { base, page } from '../styles';

const STATE_KEY = 'timeline';
/** Bars per lane: fine enough to see bursts, few enough to draw 100,000 requests at once. */
const BINS = 240;
/** A press that moves less than this (px) is a click that moves the scrubber, not a drag that selects. */
const DRAG_PX = 4;

interface Saved {
  cursor: number;
  selection: [number, number] | null;
  lane: number | null;
  speed: string;
  index: number | null;
}

/**
 * A recording (NDJSON) as a timeline: one lane per resource with its requests as bars over time, a
 * scrubber, the requests up to the scrubber (newest first) with the chosen one's payloads as text, and
 * "Replay from here" / "Replay selection" into this window's broker. Drag on the lanes to select a
 * stretch of time; click a lane's name to list only its requests.
 */
@customElement('ey-timeline-view')
export class TimelineView extends LitElement {
  static override styles = [base, page, virtualListStyles, listTabStyles, css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
      box-sizing: border-box;
    }
    .axis {
      display: grid;
      grid-template-columns: minmax(12ch, 24ch) 1fr;
      column-gap: 8px;
      margin: 6px 0;
    }
    .lane-name {
      height: 22px;
      display: flex;
      align-items: center;
      gap: 4px;
      background: none;
      color: inherit;
      border: 1px solid transparent;
      font: inherit;
      text-align: left;
      cursor: pointer;
      padding: 0 4px;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .lane-name[aria-pressed='true'] {
      background: var(--vscode-list-activeSelectionBackground);
      color: var(--vscode-list-activeSelectionForeground);
    }
    .lane-name:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
    }
    .tracks {
      position: relative;
      cursor: crosshair;
      touch-action: none;
      user-select: none;
      border-left: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
    }
    .tracks svg {
      display: block;
      width: 100%;
      height: 22px;
    }
    .tracks rect {
      fill: var(--vscode-charts-blue, var(--vscode-focusBorder));
    }
    .tracks .dim rect {
      opacity: 0.35;
    }
    .cursor {
      position: absolute;
      top: 0;
      bottom: 0;
      width: 2px;
      margin-left: -1px;
      background: var(--vscode-charts-orange, var(--vscode-editorCursor-foreground));
      pointer-events: none;
    }
    .selection {
      position: absolute;
      top: 0;
      bottom: 0;
      background: var(--vscode-editor-selectionBackground);
      opacity: 0.5;
      pointer-events: none;
    }
    .scrubber {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .scrubber input {
      flex: 1 1 auto;
      accent-color: var(--vscode-charts-orange, var(--vscode-focusBorder));
    }
    .split {
      display: flex;
      gap: 12px;
      flex: 1 1 auto;
      min-height: 0;
    }
    ey-virtual-list {
      flex: 1 1 50%;
      min-width: 0;
    }
    .detail {
      flex: 1 1 50%;
      min-width: 0;
      overflow: auto;
    }
    .offset {
      width: 10ch;
    }
    .action {
      width: 22ch;
    }
    .resource {
      width: 18ch;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 10px;
      margin: 4px 0;
    }
    dt {
      color: var(--vscode-descriptionForeground);
    }
    dd {
      margin: 0;
      word-break: break-all;
    }
    .payload {
      margin-bottom: 10px;
    }
  `];

  @property() accessor file = '';
  private readonly saved = host.getState<Saved>(STATE_KEY);
  @state() private accessor cursor: number | undefined = this.saved.cursor;
  @state() private accessor selection: [number, number] | null = this.saved.selection ?? null;
  @state() private accessor lane: number | null = this.saved.lane ?? null;
  @state() private accessor speed = this.saved.speed ?? '1';
  @state() private accessor activeIndex = -1;
  @state() private accessor detail: RecordingRequestDetail | undefined;
  @state() private accessor version = 0;
  @state() private accessor busy = false;
  @state() private accessor status = '';
  private bins: number[][] = [];
  private drag: { x: number; t: number; moved: boolean } | undefined;

  private readonly overview = new Live<RecordingOverview>(this, {
    load: async () => {
      const o = await host.request('recording/overview', {});
      this.bins = laneBins(o.times, o.laneOf, o.lanes.length, o.durationMs, BINS);
      // First opened: the scrubber at the end, so every request is listed.
      if (this.cursor === undefined || this.cursor > o.durationMs) this.cursor = o.durationMs;
      if (this.lane !== null && this.lane >= o.lanes.length) this.lane = null;
      this.cache.reset();
      if (this.saved.index !== undefined && this.saved.index !== null && !this.detail) void this.show(this.saved.index);
      return o;
    },
  });

  private readonly cache = new PageCache<RecordingRow>(
    (offset, limit) => host.request('recording/rows', { upTo: this.upTo(), lane: this.lane ?? undefined, offset, limit }),
    () => this.version++,
  );

  /** Scrubbing asks for the list again at most a few times a second. */
  private readonly requery = perFrame(() => {
    this.activeIndex = -1;
    this.cache.reset();
  });

  private upTo(): number {
    const o = this.overview.value;
    return o ? countUpTo(o.times, this.cursor ?? o.durationMs) : 0;
  }

  private save(): void {
    host.setState(STATE_KEY, { cursor: this.cursor, selection: this.selection, lane: this.lane, speed: this.speed, index: this.detail?.index ?? null });
  }

  private moveCursor(t: number): void {
    const o = this.overview.value;
    if (!o) return;
    this.cursor = Math.max(0, Math.min(o.durationMs, t));
    this.save();
    this.requery();
  }

  private timeAt(e: PointerEvent): number {
    const o = this.overview.value!;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return Math.round(Math.max(0, Math.min(1, (e.clientX - rect.left) / Math.max(rect.width, 1))) * o.durationMs);
  }

  private onPointerDown = (e: PointerEvent) => {
    if (!this.overview.value || e.button !== 0) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const t = this.timeAt(e);
    this.drag = { x: e.clientX, t, moved: false };
    this.moveCursor(t);
  };

  private onPointerMove = (e: PointerEvent) => {
    if (!this.drag) return;
    if (!this.drag.moved && Math.abs(e.clientX - this.drag.x) < DRAG_PX) return;
    this.drag.moved = true;
    const t = this.timeAt(e);
    this.selection = [Math.min(this.drag.t, t), Math.max(this.drag.t, t)];
    this.moveCursor(t);
  };

  private onPointerUp = () => {
    if (this.drag && !this.drag.moved) this.selection = null;
    this.drag = undefined;
    this.save();
  };

  private toggleLane(i: number): void {
    this.lane = this.lane === i ? null : i;
    this.save();
    this.requery();
  }

  private async show(index: number): Promise<void> {
    try {
      this.detail = await host.request('recording/request', { index });
      this.save();
    } catch (e) {
      this.overview.fail(e);
    }
  }

  private onActivate(e: CustomEvent<{ index: number }>): void {
    this.activeIndex = e.detail.index;
    const row = this.cache.get(e.detail.index);
    if (row) void this.show(row.index);
  }

  private async replay(range: { from: number; to: number }): Promise<void> {
    if (range.to <= range.from) {
      this.status = 'No request there to replay.';
      return;
    }
    this.busy = true;
    this.status = `Replaying ${range.to - range.from} request${range.to - range.from === 1 ? '' : 's'}…`;
    try {
      const r = await host.request('recording/replay', { ...range, speed: Number(this.speed) });
      this.status = `Replayed ${r.sent} request${r.sent === 1 ? '' : 's'} in ${formatOffset(r.elapsedMs)}${r.refused ? `; ${r.refused} refused: ${r.firstError ?? ''}` : '.'}`;
    } catch (e) {
      this.status = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private replayFromHere = () => {
    const o = this.overview.value!;
    void this.replay({ from: indexRange(o.times, this.cursor ?? 0, this.cursor ?? 0).from, to: o.requests });
  };

  private replaySelection = () => {
    const o = this.overview.value!;
    if (this.selection) void this.replay(indexRange(o.times, this.selection[0], this.selection[1]));
  };

  private reload = async () => {
    this.status = '';
    await this.overview.load();
  };

  override render() {
    return this.overview.render((o) => this.renderRecording(o));
  }

  private renderRecording(o: RecordingOverview) {
    const cursor = this.cursor ?? o.durationMs;
    const pct = (t: number) => `${o.durationMs ? (t / o.durationMs) * 100 : 0}%`;
    const selected = this.selection ? indexRange(o.times, this.selection[0], this.selection[1]) : undefined;
    const upTo = countUpTo(o.times, cursor);
    return html`
      <h1>Recording: ${o.file}</h1>
      <p class="muted">
        ${o.requests} request${o.requests === 1 ? '' : 's'} to ${o.lanes.length} resource${o.lanes.length === 1 ? '' : 's'} over
        ${formatOffset(o.durationMs)}${o.startedAt ? html`, from ${o.startedAt}` : nothing}
      </p>
      ${this.overview.renderError()}
      <div class="toolbar">
        <vscode-button secondary @click=${this.reload} title="Read the file again (a running recording grows)">Reload</vscode-button>
        <label class="row">Pace
          <vscode-single-select aria-label="Replay pace" .value=${this.speed} @change=${(e: Event) => {
            this.speed = (e.target as HTMLInputElement).value;
            this.save();
          }}>
            <vscode-option value="1">As recorded</vscode-option>
            <vscode-option value="10">10× faster</vscode-option>
            <vscode-option value="100">100× faster</vscode-option>
            <vscode-option value="0">As fast as possible</vscode-option>
          </vscode-single-select>
        </label>
        <vscode-button ?disabled=${this.busy || !o.requests} @click=${this.replayFromHere} data-testid="replay-from-here">Replay from here</vscode-button>
        <vscode-button ?disabled=${this.busy || !selected || selected.to <= selected.from} @click=${this.replaySelection} data-testid="replay-selection">
          Replay selection${selected ? ` (${selected.to - selected.from})` : ''}
        </vscode-button>
        <span role="status" data-testid="replay-status">${this.status}</span>
      </div>
      ${o.requests ? this.renderAxis(o, pct) : html`<p class="muted">The recording holds no requests yet.</p>`}
      <div class="scrubber">
        <vscode-button secondary ?disabled=${!o.requests} @click=${() => this.moveCursor(stepTime(o.times, cursor, -1))} title="Previous request">◀</vscode-button>
        <input
          type="range"
          aria-label="Time in the recording"
          min="0"
          max=${o.durationMs}
          step="1"
          .value=${String(cursor)}
          aria-valuetext=${`${formatOffset(cursor)}, ${upTo} of ${o.requests} requests`}
          @input=${(e: Event) => this.moveCursor(Number((e.target as HTMLInputElement).value))}
        />
        <vscode-button secondary ?disabled=${!o.requests} @click=${() => this.moveCursor(stepTime(o.times, cursor, 1))} title="Next request">▶</vscode-button>
        <span data-testid="cursor-label">${formatOffset(cursor)} · ${upTo} of ${o.requests}</span>
      </div>
      <div class="split">
        <ey-virtual-list
          aria-label="Requests up to the scrubber, newest first"
          .rows=${this.cache}
          .version=${this.version}
          .activeIndex=${this.activeIndex}
          .renderRow=${this.renderRow}
          .rowLabel=${this.rowLabel}
          emptyText="No request up to here."
          @activate=${this.onActivate}
        ></ey-virtual-list>
        <div class="detail">${this.detail ? this.renderDetail(this.detail) : html`<p class="muted">Select a request to see its payloads.</p>`}</div>
      </div>
    `;
  }

  private renderAxis(o: RecordingOverview, pct: (t: number) => string) {
    const cursor = this.cursor ?? o.durationMs;
    return html`<div class="axis">
      <div role="group" aria-label="Resources">
        ${o.lanes.map(
          (l, i) => html`<button class="lane-name" aria-pressed=${this.lane === i ? 'true' : 'false'} title=${`${l.service} ${l.resource}: ${l.requests} requests; click to list only these`} @click=${() => this.toggleLane(i)}>
            <span class="muted">${l.service}</span><span class="ellipsis">${l.resource || '(none)'}</span><span class="muted">${l.requests}</span>
          </button>`,
        )}
      </div>
      <div class="tracks" data-testid="timeline-tracks" @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerUp}>
        ${o.lanes.map((l, i) => {
          const bins = this.bins[i] ?? [];
          const max = Math.max(1, ...bins);
          return html`<svg class=${this.lane !== null && this.lane !== i ? 'dim' : ''} viewBox="0 0 ${BINS} 1" preserveAspectRatio="none" role="img" aria-label=${`${l.resource}: ${l.requests} requests`}>
            ${bins.map((n, b) => (n ? svg`<rect x=${b} y=${1 - Math.max(0.15, n / max)} width="1" height=${Math.max(0.15, n / max)}></rect>` : nothing))}
          </svg>`;
        })}
        ${this.selection ? html`<div class="selection" ${styleProps({ left: pct(this.selection[0]), width: `calc(${pct(this.selection[1])} - ${pct(this.selection[0])})` })}></div>` : nothing}
        <div class="cursor" ${styleProps({ left: pct(cursor) })}></div>
      </div>
    </div>`;
  }

  private renderRow = (i: number) => {
    const r = this.cache.get(i);
    if (!r) return html`<span class="muted">…</span>`;
    return html`
      <span class="cell offset">${formatOffset(r.t)}</span>
      <span class="cell action ellipsis">${r.service} ${r.action}${r.entries > 1 ? ` ×${r.entries}` : ''}</span>
      <span class="cell resource ellipsis" title=${r.resource}>${r.resource}</span>
      <span class="cell preview mono ellipsis">${r.preview}</span>
    `;
  };

  private rowLabel = (i: number) => {
    const r = this.cache.get(i);
    return r ? `${r.service} ${r.action} to ${r.resource} at ${formatOffset(r.t)}: ${r.preview.slice(0, 80)}` : 'Loading';
  };

  private renderDetail(d: RecordingRequestDetail) {
    return html`
      <h2>${d.service} ${d.action} to ${d.resource}</h2>
      <p class="muted">Request ${d.index + 1}, at ${formatOffset(d.t)}${d.at ? ` (${d.at})` : ''}</p>
      ${d.payloads.map(
        (p, i) => html`<div class="payload">
          ${d.payloads.length > 1 ? html`<h3>Entry ${i + 1}</h3>` : nothing}
          ${Object.keys(p.details).length
            ? html`<dl>${Object.entries(p.details).map(([k, v]) => html`<dt>${k}</dt><dd class="mono">${v}</dd>`)}</dl>`
            : nothing}
          ${p.binary ? html`<p class="muted">Binary data, as base64:</p>` : nothing}
          <pre class="mono" data-testid="payload">${p.binary ? p.body : formatBody(p.body).text}</pre>
        </div>`,
      )}
      <details>
        <summary>The request as recorded</summary>
        <pre class="mono">${d.input}</pre>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ey-timeline-view': TimelineView;
  }
}
