import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ServiceNotice, TopicDescription } from '../../src/inspector/protocol';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import './subscriptions-tab';
import './publish-tab';
import './deliveries-tab';
import './outbox-tab';

const STATE_KEY = 'topic';
/** Changes to messages, not to the topic or its subscriptions: the header and tabs above need no refetch. */
const MESSAGE_CHANGES = new Set<ServiceNotice<'sns'>['type']>(['messagePublished', 'delivery', 'outboxMessage']);
const TABS = [
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'publish', label: 'Publish' },
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'outbox', label: 'Outbox' },
];

/** A topic: header over tabs for its subscriptions, publishing, the delivery map and the outboxes. */
@customElement('ey-topic-view')
export class TopicView extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        box-sizing: border-box;
        padding: 8px 16px 0;
      }
      h1 {
        font-size: 1.3em;
        margin: 0;
        font-weight: 600;
      }
      header {
        padding-bottom: 6px;
      }
      .panel {
        height: calc(100vh - 110px);
        overflow: auto;
      }
    `,
  ];

  @property() accessor name = '';
  @state() private accessor tab = host.getState<{ tab: string }>(STATE_KEY).tab ?? 'subscriptions';
  private readonly description = new Live<TopicDescription>(this, {
    load: () => host.request('topic/describe', {}),
    when: (batch) => batch.changes.some((c) => c.service !== 'sns' || !MESSAGE_CHANGES.has(c.type)),
  });

  override render() {
    const d = this.description.value;
    if (!d) return this.description.renderPending();
    const selected = Math.max(0, TABS.findIndex((t) => t.id === this.tab));
    return html`
      <header>
        <div class="row wrap">
          <h1 class="ellipsis">${d.name}</h1>
          <span class="pill">${d.fifo ? 'FIFO topic' : 'Standard topic'}</span>
          <span class="muted">${d.subscriptions.length} subscription${d.subscriptions.length === 1 ? '' : 's'}</span>
          <ey-copy .text=${d.arn} label="Copy topic ARN"></ey-copy>
        </div>
        ${this.description.renderError()}
      </header>
      <vscode-tabs
        .selectedIndex=${selected}
        @vsc-tabs-select=${(e: CustomEvent<{ selectedIndex: number }>) => {
          this.tab = TABS[e.detail.selectedIndex]?.id ?? 'subscriptions';
          host.setState(STATE_KEY, { tab: this.tab });
        }}
      >
        ${TABS.map(
          (t, i) => html`<vscode-tab-header slot="header">${t.label}</vscode-tab-header>
            <vscode-tab-panel>${i === selected ? this.renderTab(t.id, d) : nothing}</vscode-tab-panel>`,
        )}
      </vscode-tabs>
    `;
  }

  private renderTab(id: string, d: TopicDescription) {
    switch (id) {
      case 'subscriptions':
        return html`<ey-subscriptions-tab class="panel" .topic=${d}></ey-subscriptions-tab>`;
      case 'publish':
        return html`<ey-publish-tab class="panel" .topic=${d}></ey-publish-tab>`;
      case 'deliveries':
        return html`<ey-deliveries-tab class="panel" .topic=${d}></ey-deliveries-tab>`;
      default:
        return html`<ey-outbox-tab class="panel" .topic=${d}></ey-outbox-tab>`;
    }
  }
}
