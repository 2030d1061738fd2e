import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BusDescription, PatternTestResult } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { SavedForm } from '../saved-form';
import { Live } from '../live';
import { base, formLayout } from '../styles';
import { renderMiss, verdictStyles } from './verdict';

interface SandboxState {
  pattern: string;
  against: 'recent' | 'pasted';
  event: string;
}

const STATE_KEY = 'busSandbox';
const LIMIT = 200;
const SAMPLE_EVENT = JSON.stringify(
  {
    version: '0',
    id: '00000000-0000-0000-0000-000000000000',
    'detail-type': 'OrderPlaced',
    source: 'shop',
    account: '000000000000',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { total: 50 },
  },
  null,
  2,
);

/**
 * Edit a pattern and see at once which of the bus's recent events, or a pasted event, it matches, with
 * the first failing field of each miss. The engine checks the pattern, so a bad one is refused in AWS's
 * words (TestEventPattern's).
 */
@customElement('ey-bus-sandbox-tab')
export class BusSandboxTab extends LitElement {
  static override styles = [base, formLayout, verdictStyles, css`
    .result {
      border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      padding: 3px 0;
    }
    .result .row > .mark {
      width: 2ch;
    }
    .stale {
      opacity: 0.5;
    }
  `];

  @property({ attribute: false }) accessor bus!: BusDescription;
  private readonly form = new SavedForm<SandboxState>(this, STATE_KEY, { pattern: '', against: 'recent', event: SAMPLE_EVENT }, () => this.result.refresh());
  private readonly result = new Live<PatternTestResult | null>(this, {
    load: () => this.test(),
    // New events change what "recent" holds; a pasted event does not change.
    when: (batch) => this.against === 'recent' && batch.changes.some((c) => c.service === 'events' && c.type === 'eventPut'),
  });

  /** A connection has no recent events to offer: the pattern is tried on a pasted event there. */
  private get against(): SandboxState['against'] {
    return host.capabilities.deliveryLog ? this.form.value.against : 'pasted';
  }

  private async test(): Promise<PatternTestResult | null> {
    const { pattern, event } = this.form.value;
    const against = this.against;
    if (!pattern.trim()) return null;
    return host.request('bus/testPattern', { pattern, limit: LIMIT, ...(against === 'pasted' ? { event } : {}) });
  }

  override render() {
    const f = this.form.value;
    const v = (e: Event) => (e.target as HTMLTextAreaElement).value;
    const withPattern = this.bus.rules.filter((r) => r.pattern !== undefined);
    return html`
      <h3><label for="pattern">Event pattern</label></h3>
      <vscode-textarea
        id="pattern"
        rows="8"
        class="mono"
        aria-label="Event pattern"
        placeholder='{"source": ["shop"], "detail": {"total": [{"numeric": [">", 100]}]}}'
        .value=${f.pattern}
        @input=${(e: Event) => this.form.patch({ pattern: v(e) })}
        data-testid="pattern"
      ></vscode-textarea>
      ${withPattern.length
        ? html`<div class="toolbar">
            <span class="muted">Start from a rule:</span>
            ${withPattern.map(
              (r) => html`<button class="link mono" @click=${() => this.form.patch({ pattern: JSON.stringify(JSON.parse(r.pattern!), null, 2) })}>${r.name}</button>`,
            )}
          </div>`
        : nothing}
      ${host.capabilities.deliveryLog
        ? html`<div class="toolbar">
            <span class="muted">Match against</span>
            <vscode-single-select
              aria-label="Match against"
              .value=${f.against}
              @change=${(e: Event) => this.form.patch({ against: (e.target as HTMLInputElement).value as SandboxState['against'] })}
              data-testid="against"
            >
              <vscode-option value="recent">the bus's recent events</vscode-option>
              <vscode-option value="pasted">a pasted event</vscode-option>
            </vscode-single-select>
          </div>`
        : html`<p class="muted">Matched here by Eventyard's matcher against a pasted event (the connection's recent events cannot be read).</p>`}
      ${this.against === 'pasted'
        ? html`<h3><label for="event">Event</label></h3>
            <vscode-textarea id="event" rows="10" class="mono" aria-label="Event (JSON)" .value=${f.event} @input=${(e: Event) => this.form.patch({ event: v(e) })} data-testid="pasted-event"></vscode-textarea>`
        : nothing}
      ${this.result.error ? html`<p class="error" role="alert" data-testid="pattern-error">${this.result.error}</p>` : nothing}
      ${this.renderResults()}
    `;
  }

  private renderResults() {
    if (!this.form.value.pattern.trim()) return html`<p class="muted">Type a pattern to see which events it matches.</p>`;
    const r = this.result.value;
    if (!r) return nothing;
    const pasted = this.against === 'pasted';
    return html`<div class=${this.result.error ? 'stale' : ''}>
      <h3 data-testid="match-count">
        ${pasted ? (r.matched ? 'The event matches' : 'The event does not match') : `Matches ${r.matched} of ${r.results.length} recent event${r.results.length === 1 ? '' : 's'}`}
      </h3>
      ${!pasted && !r.results.length ? html`<p class="muted">The bus has no events yet: put one, or match against a pasted event.</p>` : nothing}
      ${r.results.map(
        (e) => html`<div class="result" data-testid="sandbox-result">
          <div class="row">
            <span class="mark ${e.matched ? 'yes' : 'no'}">${e.matched ? '✓' : '✗'}</span>
            ${e.at !== undefined ? html`<span class="muted">${formatTime(e.at)}</span>` : nothing}
            <span class="mono">${e.source}</span>
            <span>${e.detailType}</span>
            ${e.eventId ? html`<span class="mono muted ellipsis">${e.eventId}</span>` : nothing}
          </div>
          ${e.miss ? renderMiss(e.miss) : nothing}
        </div>`,
      )}
    </div>`;
  }
}
