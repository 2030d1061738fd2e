import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sqsLimits } from '../../src/broker/limits';
import type { NoticeType, QueueDescription } from '../../src/inspector/protocol';
import { Throughput } from '../logic/throughput';
import { renderTabs, SavedTab, type Tab } from '../components/tabs';
import { host, HostError } from '../host';
import { Live } from '../live';
import { base, page, tabbedPage } from '../styles';
import './messages-tab';
import './in-flight-tab';
import './send-tab';
import './dead-letters-tab';
import './activity-tab';
import './poll-tab';
import '../components/sparklines';

/** A queue: its header (type, counts, DLQ, throughput) over tabs for messages, in flight, send, DLQ, activity. */
@customElement('ey-queue-view')
export class QueueView extends LitElement {
  static override styles = [base, page, tabbedPage, css`
    .counts {
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
      margin-top: 6px;
    }
    .count b {
      font-size: 1.2em;
      font-variant-numeric: tabular-nums;
    }
    vscode-tabs {
      flex: 1 1 auto;
      min-height: 0;
    }
    vscode-tab-panel {
      height: 100%;
    }
    .panel {
      height: calc(100vh - 150px);
      display: flex;
      flex-direction: column;
    }
    /* The sparklines' row (28 px lines and their margin) takes its height from the tabs' panel. */
    :host([trends]) .panel {
      height: calc(100vh - 186px);
    }
    vscode-collapsible {
      margin-top: 6px;
    }
  `];

  @property() accessor name = '';
  private readonly tab = new SavedTab(this, 'queue', 'messages');
  private readonly throughput = new Throughput();
  private readonly description = new Live<QueueDescription>(this, {
    load: () => host.request('queue/describe', {}),
    changed: (batch) => this.throughput.add(host.now(), batch.tally),
    describeError: (e) => (e instanceof HostError && e.code === 'AWS.SimpleQueueService.NonExistentQueue' ? 'This queue no longer exists.' : (e as Error).message),
  });
  private ticker: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.toggleAttribute('trends', host.capabilities.liveChanges);
    // Throughput decays to zero when the queue goes quiet, which no change event would announce.
    this.ticker = window.setInterval(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.ticker);
  }

  private tabs(d: QueueDescription): Tab[] {
    if (!host.capabilities.peek) {
      // a connection: receive instead of peek; no activity log (the AWS API sends no events)
      const remote = [{ id: 'poll', label: 'Poll' }, { id: 'send', label: 'Send' }];
      if (d.sourceQueues.length) remote.push({ id: 'deadLetters', label: 'Dead letters' });
      return remote;
    }
    const tabs = [
      { id: 'messages', label: 'Messages' },
      { id: 'inFlight', label: `In flight (${d.counts.inFlight})` },
      { id: 'send', label: 'Send' },
    ];
    if (d.sourceQueues.length) tabs.push({ id: 'deadLetters', label: 'Dead letters' });
    tabs.push({ id: 'activity', label: 'Activity' });
    return tabs;
  }

  private open(name: string) {
    void host.request('inspector/open', { kind: 'queue', name });
  }

  override render() {
    return this.description.render((d) => this.renderDescription(d));
  }

  private renderDescription(d: QueueDescription) {
    const now = host.now();
    const rate = (type: NoticeType) => this.throughput.perSecond(type, now).toFixed(1);
    return html`
      <header>
        <div class="row wrap">
          <h1 class="ellipsis">${d.name}</h1>
          <span class="pill">${d.fifo ? 'FIFO' : 'Standard'}</span>
          ${d.sourceQueues.length ? html`<span class="pill">Dead-letter queue</span>` : nothing}
          <ey-copy .text=${d.url} label="Copy queue URL"></ey-copy>
          <ey-copy .text=${d.arn} label="Copy queue ARN"></ey-copy>
        </div>
        ${this.description.renderError()}
        <div class="counts" role="group" aria-label="Message counts">
          <span class="count" data-testid="count-visible"><b>${d.counts.visible}</b> <span class="muted">visible</span></span>
          <span class="count" data-testid="count-inFlight"><b>${d.counts.inFlight}</b> <span class="muted">in flight</span></span>
          <span class="count" data-testid="count-delayed"><b>${d.counts.delayed}</b> <span class="muted">delayed</span></span>
          ${host.capabilities.liveChanges
            ? html`<span class="count muted" aria-label="Throughput over the last 5 seconds"
                >${rate('messageSent')} sent/s · ${rate('messageReceived')} received/s · ${rate('messageDeleted')} deleted/s</span
              >`
            : html`<span class="count muted">approximate counts (GetQueueAttributes), read every few seconds</span>`}
        </div>
        ${host.capabilities.liveChanges ? html`<ey-sparklines></ey-sparklines>` : nothing}
        <div class="row wrap muted">
          ${d.deadLetterQueue
            ? html`<span
                >Dead-letter queue:
                <button class="link" @click=${() => this.open(d.deadLetterQueue!.name)}>${d.deadLetterQueue.name}</button> after
                ${d.deadLetterQueue.maxReceiveCount} receives</span
              >`
            : nothing}
          ${d.sourceQueues.length
            ? html`<span
                >Dead-letter queue of:
                ${d.sourceQueues.map((q) => html`<button class="link" @click=${() => this.open(q)}>${q}</button> `)}</span
              >`
            : nothing}
          <span>Visibility timeout ${d.attributes.VisibilityTimeout ?? sqsLimits.defaultVisibilityTimeoutSeconds} s</span>
          <span>Retention ${Math.round(Number(d.attributes.MessageRetentionPeriod ?? sqsLimits.defaultRetentionSeconds) / 3600)} h</span>
        </div>
        <vscode-collapsible title="Attributes">
          <table class="kv mono">
            ${Object.entries(d.attributes)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
          </table>
        </vscode-collapsible>
        ${d.tags
          ? html`<vscode-collapsible title="Tags (${Object.keys(d.tags).length})">
              <table class="kv mono">
                ${Object.entries(d.tags)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
              </table>
            </vscode-collapsible>`
          : nothing}
      </header>
      ${renderTabs(this.tabs(d), this.tab, (id) => this.renderTab(id, d))}
    `;
  }

  private renderTab(id: string, d: QueueDescription) {
    switch (id) {
      case 'messages':
        return html`<ey-messages-tab class="panel" .queue=${d}></ey-messages-tab>`;
      case 'inFlight':
        return html`<ey-in-flight-tab class="panel" .queue=${d}></ey-in-flight-tab>`;
      case 'send':
        return html`<ey-send-tab class="panel" .queue=${d}></ey-send-tab>`;
      case 'poll':
        return html`<ey-poll-tab class="panel" .queue=${d}></ey-poll-tab>`;
      case 'deadLetters':
        return html`<ey-dead-letters-tab class="panel" .queue=${d}></ey-dead-letters-tab>`;
      default:
        return html`<ey-activity-tab class="panel" .queue=${d}></ey-activity-tab>`;
    }
  }
}
