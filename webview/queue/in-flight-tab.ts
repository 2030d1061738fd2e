import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sqsLimits } from '../../src/broker/limits';
import { styleProps } from '../components/style-props';
import { countdown, formatRemaining } from '../logic/countdown';
import { PageCache } from '../logic/page-cache';
import type { MessageSummary, QueueDescription } from '../../src/inspector/protocol';
import { listTabStyles, virtualListStyles } from '../components/virtual-list';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import '../copy-button';

/**
 * Received messages with their receipt handles and a countdown of the visibility timeout. The bar runs
 * client-side against the broker's clock every frame; change events (new timeout, visible again, deleted)
 * refetch the rows so the bar is corrected to what the broker decided.
 */
@customElement('ey-in-flight-tab')
export class InFlightTab extends LitElement {
  static override styles = [base, virtualListStyles, listTabStyles, css`
    .handle {
      width: 18ch;
    }
    .count {
      width: 11ch;
      white-space: nowrap;
    }
    .countdown {
      flex: 1 1 auto;
      min-width: 80px;
    }
    .remaining {
      width: 11ch;
      text-align: right;
    }
    vscode-textfield {
      width: 90px;
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  @state() private accessor activeIndex = -1;
  @state() private accessor version = 0;
  @state() private accessor timeout = String(sqsLimits.defaultVisibilityTimeoutSeconds);
  @state() private accessor error = '';
  private readonly cache = new PageCache<MessageSummary>(
    (offset, limit) => host.request('queue/peek', { state: 'inFlight', offset, limit }).then((p) => ({ total: p.total, items: p.messages })),
    () => {
      this.version++;
      this.runCountdowns();
    },
  );
  /** Refetches the rows in view after changes (the cache keeps the old ones shown until they arrive). */
  private readonly rows = new Live(this, { load: () => this.cache.invalidate() });
  private frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timeout = this.queue?.attributes.VisibilityTimeout ?? this.timeout;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Redraws every frame while some countdown is still running, then stops so an idle panel costs nothing. */
  private runCountdowns() {
    if (this.frame) return;
    const tick = () => {
      this.frame = 0;
      const now = host.now();
      let running = false;
      for (let i = 0; i < Math.min(this.cache.total, 2000); i++) {
        const m = this.cache.get(i);
        if (m?.visibleAt !== undefined && m.visibleAt > now) {
          running = true;
          break;
        }
      }
      this.version++;
      if (running) this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private get active(): MessageSummary | undefined {
    return this.activeIndex >= 0 ? this.cache.get(this.activeIndex) : undefined;
  }

  private async act(action: () => Promise<unknown>) {
    try {
      this.error = '';
      await action();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private changeTimeout(m: MessageSummary, seconds: number) {
    return this.act(() => host.request('queue/changeVisibility', { receiptHandle: m.receiptHandle!, visibilityTimeout: seconds }));
  }

  private deleteMessage(m: MessageSummary) {
    return this.act(() => host.request('queue/delete', { receiptHandles: [m.receiptHandle!] }));
  }

  private renderRow = (i: number) => {
    const m = this.cache.get(i);
    if (!m) return html`<span class="muted">…</span>`;
    const fallback = Number(this.queue.attributes.VisibilityTimeout ?? sqsLimits.defaultVisibilityTimeoutSeconds) * 1000;
    const c = m.visibleAt !== undefined ? countdown(host.now(), m.visibleAt, m.hiddenSince, fallback) : { remainingMs: 0, fraction: 0 };
    return html`
      <span class="cell id mono ellipsis" title=${m.messageId}>${m.messageId.slice(0, 8)}</span>
      <span class="cell handle mono ellipsis" title=${m.receiptHandle ?? ''}>${m.receiptHandle ?? ''}</span>
      <ey-copy .text=${m.receiptHandle ?? ''} label="Copy receipt handle"></ey-copy>
      <span class="cell count">received ${m.receiveCount}×</span>
      <span class="cell countdown">
        <div
          class="bar ${c.fraction < 0.2 ? 'low' : ''}"
          role="progressbar"
          aria-label="Visibility timeout left"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${Math.round(c.fraction * 100)}
        >
          <span ${styleProps({ width: `${(c.fraction * 100).toFixed(2)}%` })}></span>
        </div>
      </span>
      <span class="cell remaining" data-testid="remaining">${formatRemaining(c.remainingMs)}</span>
      <vscode-toolbar-button icon="eye" label="Release now" title="Release now (visibility timeout 0)" @click=${() => this.changeTimeout(m, 0)}></vscode-toolbar-button>
      <vscode-toolbar-button icon="trash" label="Delete" title="Delete" @click=${() => this.deleteMessage(m)}></vscode-toolbar-button>
    `;
  };

  override render() {
    const m = this.active;
    return html`
      <div class="toolbar">
        <span class="muted" role="status" data-testid="in-flight-total">${this.cache.total} in flight</span>
        <span class="grow"></span>
        ${m
          ? html`<span>Selected <span class="mono">${m.messageId.slice(0, 8)}</span>: visibility timeout</span>
              <vscode-textfield
                type="number"
                min="0"
                max=${sqsLimits.maxVisibilityTimeoutSeconds}
                aria-label="New visibility timeout in seconds"
                .value=${this.timeout}
                @input=${(e: Event) => (this.timeout = (e.target as HTMLInputElement).value)}
              ></vscode-textfield>
              <span>s</span>
              <vscode-button @click=${() => this.changeTimeout(m, Number(this.timeout))}>Change timeout</vscode-button>
              <vscode-button secondary @click=${() => this.changeTimeout(m, 0)}>Release now</vscode-button>
              <vscode-button secondary @click=${() => this.deleteMessage(m)}>Delete</vscode-button>`
          : html`<span class="muted">Select a message to change its timeout.</span>`}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <ey-virtual-list
        aria-label="In-flight messages"
        .rowHeight=${28}
        .rows=${this.cache}
        .version=${this.version}
        .activeIndex=${this.activeIndex}
        .renderRow=${this.renderRow}
        .rowLabel=${(i: number) => {
          const r = this.cache.get(i);
          return r ? `In-flight message ${r.messageId}, received ${r.receiveCount} times` : 'Loading';
        }}
        emptyText="No message is in flight. Messages appear here while a consumer holds them."
        @activate=${(e: CustomEvent<{ index: number }>) => (this.activeIndex = e.detail.index)}
      ></ey-virtual-list>
    `;
  }
}
