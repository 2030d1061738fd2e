import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BusArchive, BusDescription, BusExplanation, BusRule, RuleVerdict } from '../../src/inspector/protocol';
import { formatBytes } from '../logic/body-format';
import { host } from '../host';
import { SavedForm } from '../saved-form';
import { Live } from '../live';
import { base, formLayout } from '../styles';
import { renderMiss, verdictStyles } from './verdict';

interface TryState {
  event: string;
}

const pretty = (pattern: string) => {
  try {
    return JSON.stringify(JSON.parse(pattern), null, 2);
  } catch {
    return pattern;
  }
};

/**
 * The bus's rules with their patterns (or schedules) and targets, and its archives; and every rule's
 * verdict on an event pasted here (`bus/explain`: the first failing field of each miss). On a connection
 * this is what the AWS API shows of a bus, the verdicts judged by Eventyard's matcher; nothing is put.
 */
@customElement('ey-bus-rules-tab')
export class BusRulesTab extends LitElement {
  static override styles = [base, formLayout, verdictStyles, css`
    .rule,
    .archive {
      border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      padding: 4px 0;
    }
    pre {
      margin: 4px 0 4px 20px;
    }
    .targets {
      margin: 2px 0 2px 20px;
    }
  `];

  @property({ attribute: false }) accessor bus!: BusDescription;
  private readonly form = new SavedForm<TryState>(this, 'busRulesTry', { event: '' }, () => this.verdicts.refresh());
  private readonly verdicts = new Live<BusExplanation | null>(this, {
    load: () => (this.form.value.event.trim() ? host.request('bus/explain', { event: this.form.value.event }) : null),
    // a pasted event does not change; the rules may (the bus view reloads them, and this with them)
    when: (batch) => batch.changes.some((c) => c.service === 'events' && c.type !== 'eventPut' && c.type !== 'delivery'),
  });

  override render() {
    const byRule = new Map((this.verdicts.value?.verdicts ?? []).map((v) => [v.rule, v]));
    const tried = !!this.form.value.event.trim() && !!this.verdicts.value && !this.verdicts.error;
    return html`
      <h3>Rules <span class="muted">(${this.bus.rules.length})</span></h3>
      ${this.bus.rules.length ? this.bus.rules.map((r) => this.renderRule(r, tried ? byRule.get(r.name) : undefined)) : html`<p class="muted">The bus has no rules.</p>`}
      <h3><label for="try-event">Which rules match an event?</label></h3>
      <vscode-textarea
        id="try-event"
        rows="6"
        class="mono"
        aria-label="Event to try on the rules (JSON)"
        placeholder='{"version": "0", "id": "1", "source": "shop", "detail-type": "OrderPlaced", "account": "000000000000", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [], "detail": {}}'
        .value=${this.form.value.event}
        @input=${(e: Event) => this.form.patch({ event: (e.target as HTMLTextAreaElement).value })}
        data-testid="rules-try-event"
      ></vscode-textarea>
      <p class="muted">
        ${host.connection ? "Judged here by Eventyard's matcher on the rules as the connection lists them; nothing is put on the bus." : 'Judged by the rules as they are now; nothing is put on the bus.'}
      </p>
      ${this.verdicts.error ? html`<p class="error" role="alert" data-testid="rules-try-error">${this.verdicts.error}</p>` : nothing}
      <h3>Archives <span class="muted">(${this.bus.archives.length})</span></h3>
      ${this.bus.archives.length ? this.bus.archives.map((a) => this.renderArchive(a)) : html`<p class="muted">No archive keeps this bus's events.</p>`}
    `;
  }

  private renderRule(r: BusRule, verdict: RuleVerdict | undefined) {
    return html`<div class="rule" data-testid="bus-rule" data-rule=${r.name}>
      <div class="row wrap">
        ${verdict ? html`<span class="mark ${verdict.matched ? 'yes' : 'no'}" data-testid="rule-verdict">${verdict.matched ? '✓' : '✗'}</span>` : nothing}
        <strong class="mono">${r.name}</strong>
        <span class="muted">${r.state.toLowerCase().replace(/_/g, ' ')}</span>
        ${r.schedule ? html`<span class="mono">${r.schedule}</span>` : nothing}
      </div>
      ${r.pattern !== undefined ? html`<pre class="mono">${pretty(r.pattern)}</pre>` : nothing}
      ${verdict?.scheduled ? html`<div class="muted">A scheduled rule: put events never match it.</div>` : nothing}
      ${verdict?.miss ? renderMiss(verdict.miss) : nothing}
      <div class="targets">
        ${r.targets.length
          ? r.targets.map((t) => html`<div><span class="muted">→</span> <span class="mono">${t.arn}</span>${t.input ? html` <span class="muted">(${t.input})</span>` : nothing}</div>`)
          : html`<span class="muted">no targets</span>`}
      </div>
    </div>`;
  }

  private renderArchive(a: BusArchive) {
    return html`<div class="archive" data-testid="bus-archive">
      <div class="row wrap">
        <strong class="mono">${a.name}</strong>
        <span class="muted">${a.state.toLowerCase()}</span>
        <span>${a.eventCount} event${a.eventCount === 1 ? '' : 's'}, ${formatBytes(a.sizeBytes)}</span>
        <span class="muted">${a.retentionDays ? `kept ${a.retentionDays} days` : 'kept indefinitely'}</span>
      </div>
      ${a.description ? html`<div>${a.description}</div>` : nothing}
      ${a.pattern !== undefined ? html`<pre class="mono">${pretty(a.pattern)}</pre>` : html`<div class="muted">Archives every event of the bus.</div>`}
    </div>`;
  }
}
