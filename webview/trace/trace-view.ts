import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TraceFindRequest, TraceInfo } from '../../src/inspector/protocol';
import { styleProps } from '../components/style-props';
import { formatDateTime, formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { formatBody } from '../logic/body-format';
import { describeOrigin, timelineRows, traceLanes, traceOutcome, shortResource, traceStats, traceTitle, type TimelineRow } from '../logic/trace-timeline';
import { base, page } from '../styles';
import '../copy-button';

const STATE_KEY = 'trace';
const MAX_RESULTS = 20;

/**
 * A message's way through the broker as a timeline: a column per queue, topic, stream, bus, bucket or function
 * it went through, a row per hop (time after entry, what happened, the payload where it changed, why a filter
 * or pattern said no), where it entered and where it ended. Searches by id, body text or attribute; every
 * payload is shown as text.
 */
@customElement('ey-trace-view')
export class TraceView extends LitElement {
  static override styles = [base, page, css`
    .split {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .results {
      flex: 0 0 28ch;
      max-height: 70vh;
      overflow: auto;
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
    }
    .results [role='option'] {
      padding: 2px 6px;
      cursor: pointer;
    }
    .results [aria-selected='true'] {
      background: var(--vscode-list-activeSelectionBackground);
      color: var(--vscode-list-activeSelectionForeground);
    }
    .trace {
      flex: 1 1 auto;
      min-width: 0;
    }
    .grid {
      display: grid;
      grid-template-columns: 11ch var(--lanes) minmax(24ch, 1fr);
      column-gap: 6px;
      align-items: start;
    }
    .contents {
      display: contents;
    }
    .lane-head {
      font-size: 0.85em;
      writing-mode: vertical-rl;
      transform: rotate(180deg);
      max-height: 16ch;
      overflow: hidden;
      text-overflow: ellipsis;
      justify-self: center;
    }
    .cell {
      padding: 3px 0;
      border-top: 1px solid var(--vscode-panel-border, transparent);
      min-width: 0;
    }
    .lane {
      position: relative;
      justify-self: stretch;
      text-align: center;
    }
    .lane::before {
      content: '';
      position: absolute;
      left: 50%;
      top: 0;
      bottom: 0;
      border-left: 1px dotted var(--vscode-descriptionForeground);
    }
    .dot {
      position: relative;
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      margin-top: 4px;
      background: var(--vscode-descriptionForeground);
    }
    .good {
      color: var(--vscode-testing-iconPassed, var(--vscode-foreground));
    }
    .dot.good {
      background: var(--vscode-testing-iconPassed, var(--vscode-foreground));
    }
    .bad {
      color: var(--vscode-errorForeground);
    }
    .dot.bad {
      background: var(--vscode-errorForeground);
    }
    .warn {
      color: var(--vscode-editorWarning-foreground, var(--vscode-foreground));
    }
    .dot.warn {
      background: var(--vscode-editorWarning-foreground, var(--vscode-foreground));
    }
    .time {
      font-variant-numeric: tabular-nums;
      color: var(--vscode-descriptionForeground);
    }
    pre {
      margin: 2px 0;
      max-height: 20em;
      overflow: auto;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .why {
      margin: 2px 0;
    }
    summary {
      cursor: pointer;
      color: var(--vscode-textLink-foreground);
    }
  `];

  /** What the panel was opened on: a message id, a trace id or text. */
  @property() accessor name = '';
  private readonly saved = host.getState<{ query: string; by: TraceFindRequest['by']; selected: string }>(STATE_KEY);
  @state() private accessor query = this.saved.query ?? '';
  @state() private accessor by: TraceFindRequest['by'] = this.saved.by ?? 'any';
  @state() private accessor selected = this.saved.selected ?? '';
  private readonly traces = new Live<TraceInfo[]>(this, { load: () => host.request('trace/find', { query: this.query || this.name, by: this.by, limit: MAX_RESULTS }) });

  private find() {
    host.setState(STATE_KEY, { query: this.query, by: this.by });
    void this.traces.load();
  }

  private select(traceId: string) {
    this.selected = traceId;
    host.setState(STATE_KEY, { selected: traceId });
  }

  override render() {
    return html`
      <div class="row wrap">
        <h1>Message trace</h1>
      </div>
      <div class="toolbar" role="search">
        <vscode-textfield
          class="grow mono"
          aria-label="Message id, trace id, body text or attribute"
          placeholder="Message id, trace id, body text, or name=value for an attribute"
          .value=${this.query || this.name}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.find()}
          data-testid="trace-query"
        ></vscode-textfield>
        <vscode-single-select aria-label="Search by" .value=${this.by} @change=${(e: Event) => (this.by = (e.target as HTMLInputElement).value as TraceFindRequest['by'])}>
          <vscode-option value="any">Id or text</vscode-option>
          <vscode-option value="id">Id</vscode-option>
          <vscode-option value="text">Body text</vscode-option>
          <vscode-option value="attribute">Attribute</vscode-option>
        </vscode-single-select>
        <vscode-button icon="search" @click=${this.find} data-testid="trace-find">Find</vscode-button>
      </div>
      ${this.traces.renderError()}
      ${this.traces.render((traces) => this.renderTraces(traces))}
    `;
  }

  private renderTraces(traces: TraceInfo[]) {
    if (!traces.length) {
      return html`<p class="muted" role="status" data-testid="trace-none">No trace holds "${this.query || this.name}". Traces keep the newest hops of each resource (eventyard.traceBufferSize).</p>`;
    }
    const current = traces.find((t) => t.traceId === this.selected) ?? traces[0];
    if (traces.length === 1) return this.renderTrace(current);
    return html`<div class="split">
      <div class="results" role="listbox" aria-label="Matching traces">
        ${traces.map(
          (t) => html`<div
            role="option"
            tabindex="0"
            aria-selected=${t === current ? 'true' : 'false'}
            @click=${() => this.select(t.traceId)}
            @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this.select(t.traceId)}
          >
            <div class="mono ellipsis">${t.traceId}</div>
            <div class="muted ellipsis">${traceTitle(t)}</div>
          </div>`,
        )}
      </div>
      <div class="trace">${this.renderTrace(current)}</div>
    </div>`;
  }

  private renderTrace(trace: TraceInfo) {
    const rows = timelineRows(trace);
    const lanes = traceLanes(rows.map((r) => r.hop));
    const outcome = traceOutcome(trace);
    const stats = traceStats(trace.hops);
    const first = rows[0]?.hop;
    return html`
      <div class="row wrap">
        <span class="mono ellipsis" data-testid="trace-id">${trace.traceId}</span>
        <ey-copy .text=${trace.traceId} label="Copy trace id"></ey-copy>
      </div>
      <p data-testid="trace-origin">
        Entered${first ? html` at ${formatDateTime(first.at)}` : nothing}: ${describeOrigin(trace.origin)}
        ${trace.origin?.userAgent ? html`<br /><span class="muted mono">User-Agent: ${trace.origin.userAgent}</span>` : nothing}
      </p>
      <p class=${outcome.tone} role="status" data-testid="trace-outcome">${outcome.text}</p>
      <p class="muted">
        ${rows.length} hop${rows.length === 1 ? '' : 's'} through ${lanes.length} resource${lanes.length === 1 ? '' : 's'}${stats.maxReceiveCount ? `, received up to ${stats.maxReceiveCount}×` : ''}${stats.visibilityExpiries ? `, ${stats.visibilityExpiries} visibility expir${stats.visibilityExpiries === 1 ? 'y' : 'ies'}` : ''}${stats.retries ? `, ${stats.retries} retr${stats.retries === 1 ? 'y' : 'ies'}` : ''}${stats.filtered ? `, ${stats.filtered} filtered out` : ''}
      </p>
      <div class="grid" ${styleProps({ '--lanes': `repeat(${lanes.length}, 3ch)` })} role="table" aria-label="Trace timeline">
        <div role="row" class="contents">
          <span role="columnheader" class="muted">time</span>
          ${lanes.map((l) => html`<span role="columnheader" class="lane-head" title=${l.label}>${l.label}</span>`)}
          <span role="columnheader" class="muted">hop</span>
        </div>
        ${rows.map((r) => this.renderRow(r, lanes.length))}
      </div>
    `;
  }

  private renderRow(r: TimelineRow, laneCount: number) {
    const h = r.hop;
    const lanes = Array.from({ length: laneCount }, (_, i) =>
      html`<span class="cell lane" role="cell">${i === r.lane ? html`<span class="dot ${r.tone}" aria-hidden="true"></span>` : nothing}</span>`,
    );
    const body = h.payload === undefined ? undefined : formatBody(h.payload);
    return html`<div role="row" class="contents">
      <span class="cell time" role="cell" title=${formatTime(h.at)}>${r.offset}</span>
      ${lanes}
      <div class="cell" role="cell" data-testid="trace-hop" data-kind=${h.kind}>
        <div><strong class=${r.tone}>${r.label}</strong> <span class="muted">${h.service} ${shortResource(h.resource)}</span></div>
        ${h.detail ? html`<div class="mono ellipsis" title=${h.detail}>${h.detail}</div>` : nothing}
        ${r.why.map((w) => html`<div class="why warn" data-testid="trace-why">${w}</div>`)}
        ${h.attributes && Object.keys(h.attributes).length
          ? html`<div class="muted mono ellipsis">${Object.entries(h.attributes).map(([k, v]) => `${k}=${v}`).join(' · ')}</div>`
          : nothing}
        ${body
          ? html`<details ?open=${r.payloadChanged}>
              <summary>${r.payloadChanged ? 'Payload' : 'Payload (unchanged)'}</summary>
              <pre class="mono" data-testid="trace-payload">${body.json ? body.text : h.payload}</pre>
            </details>`
          : nothing}
      </div>
    </div>`;
  }
}
