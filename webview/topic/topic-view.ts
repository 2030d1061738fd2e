import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ServiceNotice, TopicDescription } from '../../src/inspector/protocol';
import { renderTabs, SavedTab, type Tab } from '../components/tabs';
import { host } from '../host';
import { Live } from '../live';
import { base, page, tabbedPage, tabPanel } from '../styles';
import './subscriptions-tab';
import './publish-tab';
import './deliveries-tab';
import './outbox-tab';

/** Changes to messages, not to the topic or its subscriptions: the header and tabs above need no refetch. */
const MESSAGE_CHANGES = new Set<ServiceNotice<'sns'>['type']>(['messagePublished', 'delivery', 'outboxMessage']);
const TABS: Tab[] = [
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'publish', label: 'Publish' },
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'outbox', label: 'Outbox' },
];

/** A topic: header over tabs for its subscriptions, publishing, the delivery map and the outboxes. */
@customElement('ey-topic-view')
export class TopicView extends LitElement {
  static override styles = [base, page, tabbedPage, tabPanel];

  @property() accessor name = '';
  private readonly tab = new SavedTab(this, 'topic', 'subscriptions');
  private readonly description = new Live<TopicDescription>(this, {
    load: () => host.request('topic/describe', {}),
    when: (batch) => batch.changes.some((c) => c.service !== 'sns' || !MESSAGE_CHANGES.has(c.type)),
  });

  override render() {
    return this.description.render((d) => this.renderDescription(d));
  }

  private renderDescription(d: TopicDescription) {
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
      ${host.capabilities.deliveryLog
        ? nothing
        : html`<p class="muted" role="note" data-testid="no-outbox">
            No deliveries or outbox here: SNS keeps no record a client can read of what it delivered to each
            subscription (the local broker keeps one because it delivers the messages itself). On AWS, turn on
            delivery status logging or subscribe a queue to see what the topic sends.
          </p>`}
      ${renderTabs(host.capabilities.deliveryLog ? TABS : TABS.slice(0, 2), this.tab, (id) => this.renderTab(id, d))}
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
