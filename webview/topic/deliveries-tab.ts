import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeliveryOutcome, TopicDescription } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import { traceButton } from '../trace/trace-button';

const STATUS_LABELS: Record<string, string> = {
  delivered: 'delivered',
  filteredOut: 'filtered out',
  failed: 'failed',
  retrying: 'retrying',
  deadLettered: 'sent to dead-letter queue',
};

/** For each published message, where it went: one line per subscription with its outcome and why. */
@customElement('ey-deliveries-tab')
export class DeliveriesTab extends LitElement {
  static override styles = [base, css`
    .message {
      margin: 8px 0 12px;
    }
    ul {
      list-style: none;
      margin: 4px 0 0;
      padding: 0 0 0 12px;
      border-left: 2px solid var(--vscode-panel-border, var(--vscode-contrastBorder));
    }
    li {
      display: flex;
      gap: 8px;
      align-items: baseline;
      padding: 1px 0;
    }
    .s-delivered {
      color: var(--vscode-charts-green, var(--vscode-foreground));
    }
    .s-filteredOut {
      color: var(--vscode-descriptionForeground);
    }
    .s-failed,
    .s-deadLettered {
      color: var(--vscode-errorForeground);
    }
    .s-retrying {
      color: var(--vscode-charts-orange, var(--vscode-foreground));
    }
  `];

  @property({ attribute: false }) accessor topic!: TopicDescription;
  private readonly published = new Live(this, { load: () => host.request('topic/published', { limit: 100 }) });

  override render() {
    const messages = this.published.value ?? [];
    if (!messages.length) return html`<p class="muted">Nothing published yet. Publish from the Publish tab or from your app.</p>`;
    return html`${messages.map(
      (m) => html`<section class="message" aria-label="Message ${m.messageId}" data-testid="published-message">
        <div class="row"><span class="muted">${formatTime(m.at)}</span><span class="mono">${m.messageId}</span>${traceButton(m.messageId)}</div>
        <ul>
          ${m.deliveries.map((d) => this.renderDelivery(d))}
        </ul>
      </section>`,
    )}`;
  }

  private renderDelivery(d: DeliveryOutcome) {
    return html`<li data-testid="delivery">
      <span class="pill">${d.protocol}</span>
      <span class="mono ellipsis">${d.endpoint}</span>
      <span class="s-${d.status}">${STATUS_LABELS[d.status] ?? d.status}</span>
      ${d.reason ? html`<span class="muted">${d.status === 'filteredOut' ? `no match on ${d.reason}` : d.reason}</span>` : nothing}
      ${d.attempts && d.attempts > 1 ? html`<span class="muted">${d.attempts} attempts</span>` : nothing}
    </li>`;
  }
}
