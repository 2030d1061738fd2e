import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BusDescription, BusEventSummary, BusExplanation, RuleVerdict } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import { renderMiss, STATUS_LABELS, verdictStyles } from './verdict';
import { traceButton } from '../trace/trace-button';

const LIMIT = 200;

interface Loaded {
  events: BusEventSummary[];
  /** Expanded events' explanations; a string says why one could not be had. */
  explained: Map<string, BusExplanation | string>;
}

/**
 * The bus's recent events, newest first, each with the rules it matched and how its deliveries went.
 * Expanded, an event shows every rule's verdict: for a miss the first field that failed and the event's
 * value there, for a match what each target received.
 */
@customElement('ey-bus-events-tab')
export class BusEventsTab extends LitElement {
  static override styles = [base, verdictStyles, css`
    .event {
      border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      padding: 4px 0;
    }
    .summary {
      display: grid;
      grid-template-columns: 2ch 10ch minmax(10ch, 18ch) minmax(10ch, 22ch) 1fr;
      gap: 8px;
      align-items: baseline;
      cursor: pointer;
      padding: 2px 4px;
    }
    .summary:hover {
      background: var(--vscode-list-hoverBackground);
    }
    .summary:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
    }
    .body {
      padding: 4px 0 8px 28px;
    }
    .verdict {
      margin: 4px 0;
    }
    .target {
      margin: 2px 0 6px 20px;
    }
    details {
      margin-top: 6px;
    }
    summary {
      cursor: pointer;
    }
    .pills {
      display: flex;
      gap: 4px;
      flex-wrap: wrap;
    }
  `];

  @property({ attribute: false }) accessor bus!: BusDescription;
  @state() private accessor expanded = new Set<string>(host.getState<{ expanded: string[] }>('busEvents').expanded ?? []);
  private readonly log = new Live<Loaded>(this, {
    load: () => this.load(),
    when: (batch) => batch.changes.some((c) => c.service === 'events'),
  });

  private async load(): Promise<Loaded> {
    const events = await host.request('bus/events', { limit: LIMIT });
    const explained = new Map<string, BusExplanation | string>();
    const shown = new Set(events.map((e) => e.eventId));
    await Promise.all(
      [...this.expanded]
        .filter((id) => shown.has(id))
        // An event that has just left the log says so in its place rather than failing the whole list.
        .map((id) =>
          host.request('bus/explain', { eventId: id }).then(
            (x) => explained.set(id, x),
            (e: Error) => explained.set(id, e.message),
          ),
        ),
    );
    return { events, explained };
  }

  private toggle(id: string) {
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
    host.setState('busEvents', { expanded: [...next] });
    void this.log.load();
  }

  override render() {
    return html`${this.log.renderError()}${this.log.render((l) => this.renderLog(l))}`;
  }

  private renderLog({ events, explained }: Loaded) {
    if (!events.length) return html`<p class="muted">No events yet. Put one from the Put event tab or from your app.</p>`;
    return html`<p class="muted">${events.length === LIMIT ? `The ${LIMIT} most recent events` : `${events.length} event${events.length === 1 ? '' : 's'}`}, newest first.</p>
      <div role="list" aria-label="Events">${events.map((e) => this.renderEvent(e, explained.get(e.eventId)))}</div>`;
  }

  private renderEvent(e: BusEventSummary, x: BusExplanation | string | undefined) {
    const open = this.expanded.has(e.eventId);
    const failed = e.deliveries.filter((d) => d.status === 'failed' || d.status === 'deadLettered').length;
    return html`<section class="event" role="listitem" aria-label="Event ${e.eventId}" data-testid="bus-event">
      <div
        class="summary"
        role="button"
        tabindex="0"
        aria-expanded=${open ? 'true' : 'false'}
        @click=${() => this.toggle(e.eventId)}
        @keydown=${(k: KeyboardEvent) => (k.key === 'Enter' || k.key === ' ') && (k.preventDefault(), this.toggle(e.eventId))}
      >
        <span class="muted">${open ? '▾' : '▸'}</span>
        <span class="muted">${formatTime(e.at)}</span>
        <span class="mono ellipsis" title=${e.source}>${e.source}</span>
        <span class="ellipsis" title=${e.detailType}>${e.detailType}</span>
        <span class="pills" data-testid="matched-rules">
          ${e.matchedRules.length
            ? e.matchedRules.map((r) => html`<span class="pill">${r}</span>`)
            : html`<span class="muted">matched no rule</span>`}
          ${e.deliveries.length
            ? html`<span class="muted">${e.deliveries.length} deliver${e.deliveries.length === 1 ? 'y' : 'ies'}${failed ? html`, <span class="no">${failed} failed</span>` : ''}</span>`
            : nothing}
        </span>
      </div>
      ${open
        ? html`<div class="body">
            ${typeof x === 'string' ? html`<span class="error">${x}</span>` : x ? this.renderExplanation(x) : html`<span class="muted" role="status">Loading…</span>`}
          </div>` : html`<div class="body mono muted ellipsis">${e.preview}</div>`}
    </section>`;
  }

  private renderExplanation(x: BusExplanation) {
    return html`
      <h3>Rules</h3>
      ${x.verdicts.length ? x.verdicts.map((v) => this.renderVerdict(v)) : html`<p class="muted">The bus has no rules.</p>`}
      ${x.eventId ? html`<vscode-button secondary @click=${() => void host.request('eventFile/save', { ids: [x.eventId!] })}>Save as event file</vscode-button>` : nothing}
      ${traceButton(x.eventId)}
      <details>
        <summary class="muted">The whole event</summary>
        <pre class="mono" data-testid="event-json">${x.event}</pre>
      </details>
    `;
  }

  private renderVerdict(v: RuleVerdict) {
    const disabled = v.state === 'DISABLED';
    return html`<div class="verdict" data-testid="verdict" data-rule=${v.rule}>
      <div class="row">
        <span class=${v.matched ? 'yes' : 'no'}>${v.matched ? '✓' : '✗'}</span>
        <span class="mono">${v.rule}</span>
        ${disabled ? html`<span class="pill">disabled</span>` : nothing}
        ${v.state === 'DELETED' ? html`<span class="muted">deleted since</span>` : nothing}
        ${v.scheduled ? html`<span class="muted">scheduled rule: it never matches put events</span>` : nothing}
        ${v.matched && !v.targets?.length ? html`<span class="muted">${disabled ? 'matches, but the rule is disabled' : 'no targets'}</span>` : nothing}
      </div>
      ${v.miss ? renderMiss(v.miss) : nothing}
      ${(v.targets ?? []).map(
        (t) => html`<div class="target" data-testid="target">
          <div class="row">
            <span class="pill">${t.targetId}</span>
            <span class="mono ellipsis grow" title=${t.targetArn}>${t.targetArn}</span>
            <span class="s-${t.status}">${STATUS_LABELS[t.status]}</span>
            ${t.attempt > 1 ? html`<span class="muted">attempt ${t.attempt}</span>` : nothing}
          </div>
          ${t.detail ? html`<div class="muted">${t.detail}</div>` : nothing}
          <pre class="mono" data-testid="received">${t.received}</pre>
        </div>`,
      )}
    </div>`;
  }
}
