import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TopicDescription } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';

/** What email, email-json, SMS and application subscribers would have received, since nothing leaves the machine. */
@customElement('ey-outbox-tab')
export class OutboxTab extends LitElement {
  static override styles = base;

  @property({ attribute: false }) accessor topic!: TopicDescription;
  private readonly outbox = new Live(this, {
    load: () => host.request('topic/outbox', { limit: 200 }),
    when: (batch) => batch.changes.some((c) => c.type === 'outboxMessage' || c.type === 'smsSettingsChanged'),
  });

  @state() private accessor error = '';

  /** A person replying STOP to this SMS: the number goes on the account's opt-out list. */
  private async replyStop(phoneNumber: string) {
    try {
      await host.request('topic/replyStop', { phoneNumber });
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  override render() {
    const entries = this.outbox.value ?? [];
    if (!entries.length) return html`<p class="muted">The outbox is empty. Messages to email, SMS and push subscribers land here.</p>`;
    return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}${entries.map(
      (e) => html`<section aria-label="${e.protocol} to ${e.endpoint}">
        <p class="muted">${formatTime(e.at)} · ${e.protocol} → <span class="mono">${e.endpoint}</span>${e.kind !== 'notification' ? ` (${e.kind})` : ''}</p>
        ${e.subject ? html`<div><span class="muted">Subject:</span> ${e.subject}</div>` : ''}
        <pre class="mono">${e.body}</pre>
        ${e.protocol === 'sms' && e.kind === 'notification'
          ? e.optedOut
            ? html`<p class="muted" data-testid="opted-out">This number replied STOP: it gets no more SMS until OptInPhoneNumber.</p>`
            : html`<vscode-button secondary data-testid="reply-stop" @click=${() => this.replyStop(e.endpoint)}>Reply STOP (opt out)</vscode-button>`
          : ''}
        <vscode-button secondary @click=${() => void host.request('eventFile/save', { ids: [String(e.id)] })}>Save as event file</vscode-button>
      </section>`,
    )}`;
  }
}
