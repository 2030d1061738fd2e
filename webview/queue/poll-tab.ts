import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sqsLimits } from '../../src/broker/limits';
import type { PolledMessage, QueueDescription } from '../../src/inspector/protocol';
import { styleProps } from '../components/style-props';
import { countdown, formatRemaining } from '../logic/countdown';
import { formatBytes } from '../logic/body-format';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import '../copy-button';

const STATE_KEY = 'poll';

/**
 * A queue on a connection, where SQS allows no peek: Poll receives (ReceiveMessage) with the visibility
 * timeout the user sets, says plainly that each receive counts, and lists what this window received with a
 * countdown to when consumers can receive it again. Bodies are text, never markup.
 */
@customElement('ey-poll-tab')
export class PollTab extends LitElement {
  static override styles = [base, css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
      overflow: auto;
    }
    .toolbar {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
    }
    vscode-textfield {
      width: 90px;
    }
    .message {
      border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent));
      padding: 6px 8px;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .body {
      white-space: pre-wrap;
      word-break: break-word;
      max-height: 12em;
      overflow: auto;
      margin: 0;
    }
    .bar {
      height: 4px;
      background: var(--vscode-progressBar-background, currentColor);
      opacity: 0.3;
    }
    .bar > span {
      display: block;
      height: 100%;
      background: var(--vscode-progressBar-background, currentColor);
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  private readonly saved = host.getState<{ timeout: string; max: string }>(STATE_KEY);
  @state() private accessor timeout = this.saved.timeout ?? '10';
  @state() private accessor max = this.saved.max ?? '10';
  @state() private accessor busy = false;
  @state() private accessor status = '';
  @state() private accessor error = '';
  private readonly received = new Live<PolledMessage[]>(this, { load: () => host.request('queue/polled', {}) });
  private ticker: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // the countdowns run on the page's clock, redrawn every quarter second while any runs
    this.ticker = window.setInterval(() => {
      if (this.received.value?.some((m) => m.visibleAt > host.now())) this.requestUpdate();
    }, 250);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.ticker);
  }

  private async act(action: () => Promise<string>) {
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      this.status = await action();
      await this.received.load();
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private poll = () =>
    this.act(async () => {
      host.setState(STATE_KEY, { timeout: this.timeout, max: this.max });
      const got = await host.request('queue/poll', { visibilityTimeout: Number(this.timeout), maxMessages: Number(this.max) });
      return got.length
        ? `Received ${got.length} message${got.length === 1 ? '' : 's'}: their receive counts rose, and they are hidden from consumers for ${this.timeout} s.`
        : 'No visible message was received.';
    });

  private renderMessage(m: PolledMessage) {
    const c = countdown(host.now(), m.visibleAt, m.hiddenSince, 0);
    const dlq = this.queue.deadLetterQueue;
    return html`<div class="message" role="group" aria-label="Received message ${m.messageId}" data-testid="polled-message">
      <div class="toolbar">
        <span class="mono" title=${m.messageId}>${m.messageId.slice(0, 8)}</span>
        <span data-testid="receive-count">receive #${m.receiveCount}</span>
        ${dlq && m.receiveCount >= dlq.maxReceiveCount ? html`<span class="error">the next failed receive moves it to ${dlq.name}</span>` : nothing}
        <span class="muted">${formatBytes(m.size)}</span>
        <span class="grow"></span>
        <span data-testid="remaining">${c.remainingMs > 0 ? `hidden for ${formatRemaining(c.remainingMs)}` : 'visible again to consumers'}</span>
        <ey-copy .text=${m.body} label="Copy body"></ey-copy>
        <vscode-button secondary ?disabled=${this.busy || c.remainingMs === 0} @click=${() => this.act(async () => (await host.request('queue/changeVisibility', { receiptHandle: m.receiptHandle, visibilityTimeout: 0 }), 'Released: visible to consumers again.'))}>Release</vscode-button>
        <vscode-button secondary ?disabled=${this.busy} @click=${() => this.act(async () => (await host.request('queue/delete', { receiptHandles: [m.receiptHandle] }), 'Deleted.'))}>Delete</vscode-button>
      </div>
      <div class="bar" role="progressbar" aria-label="Visibility timeout left" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(c.fraction * 100)}>
        <span ${styleProps({ width: `${(c.fraction * 100).toFixed(2)}%` })}></span>
      </div>
      <pre class="body mono">${m.body}</pre>
      ${Object.keys(m.messageAttributes).length
        ? html`<table class="kv mono">${Object.entries(m.messageAttributes).map(([k, v]) => html`<tr><th>${k}</th><td>${v.StringValue ?? v.BinaryValue ?? ''} <span class="muted">${v.DataType}</span></td></tr>`)}</table>`
        : nothing}
    </div>`;
  }

  override render() {
    const dlq = this.queue.deadLetterQueue;
    return html`
      <p class="muted" role="note">
        SQS has no way to look at messages without receiving them. Poll receives: each message's receive count rises,
        and it is hidden from consumers for the visibility timeout set here.${dlq ? ` After ${dlq.maxReceiveCount} receives a message moves to ${dlq.name}.` : ''}
      </p>
      <div class="toolbar">
        <label class="row">Visibility timeout
          <vscode-textfield type="number" min="0" max=${sqsLimits.maxVisibilityTimeoutSeconds} aria-label="Visibility timeout in seconds" .value=${this.timeout} @input=${(e: Event) => (this.timeout = (e.target as HTMLInputElement).value)}></vscode-textfield> s</label>
        <label class="row">At most
          <vscode-textfield type="number" min="1" max="10" aria-label="Most messages to receive" .value=${this.max} @input=${(e: Event) => (this.max = (e.target as HTMLInputElement).value)}></vscode-textfield></label>
        <vscode-button ?disabled=${this.busy} @click=${this.poll} data-testid="poll">Poll</vscode-button>
      </div>
      ${this.status ? html`<p role="status" data-testid="poll-status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.received.render((messages) => (messages.length ? messages.map((m) => this.renderMessage(m)) : html`<p class="muted">Nothing received by this window yet.</p>`))}
    `;
  }
}
