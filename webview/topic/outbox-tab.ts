import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OutboxEntry, TopicDescription } from '../../src/inspector/protocol';
import { formatTime, perFrame } from '../frame';
import { host } from '../host';
import { base } from '../styles';

/** What email, email-json, SMS and application subscribers would have received, since nothing leaves the machine. */
@customElement('ey-outbox-tab')
export class OutboxTab extends LitElement {
  static override styles = base;

  @property({ attribute: false }) accessor topic!: TopicDescription;
  @state() private accessor entries: OutboxEntry[] = [];
  private unsubscribe: (() => void) | undefined;
  private readonly refresh = perFrame(() => void this.load());

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = host.onChanged((b) => b.changes.some((c) => c.type === 'outboxMessage') && this.refresh());
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private async load() {
    this.entries = await host.request('topic/outbox', { limit: 200 });
  }

  override render() {
    if (!this.entries.length) return html`<p class="muted">The outbox is empty. Messages to email, SMS and push subscribers land here.</p>`;
    return html`${this.entries.map(
      (e) => html`<section aria-label="${e.protocol} to ${e.endpoint}">
        <p class="muted">${formatTime(e.at)} · ${e.protocol} → <span class="mono">${e.endpoint}</span>${e.kind !== 'notification' ? ` (${e.kind})` : ''}</p>
        ${e.subject ? html`<div><span class="muted">Subject:</span> ${e.subject}</div>` : ''}
        <pre class="mono">${e.body}</pre>
      </section>`,
    )}`;
  }
}
