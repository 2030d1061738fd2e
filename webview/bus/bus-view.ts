import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BusDescription, ServiceNotice } from '../../src/inspector/protocol';
import { renderTabs, SavedTab, type Tab } from '../components/tabs';
import { host } from '../host';
import { Live } from '../live';
import { base, page, tabbedPage, tabPanel } from '../styles';
import './events-tab';
import './sandbox-tab';
import './put-event-tab';
import './rules-tab';

/** Changes to events, not to the bus or its rules: the header and the rule list need no refetch. */
const EVENT_CHANGES = new Set<ServiceNotice<'events'>['type']>(['eventPut', 'delivery']);
const TABS: Tab[] = [
  { id: 'events', label: 'Events' },
  { id: 'rules', label: 'Rules and archives' },
  { id: 'sandbox', label: 'Pattern sandbox' },
  { id: 'put', label: 'Put event' },
];
/** On a connection the API has no event log to read: the view starts at the rules. */
const CONNECTION_TABS = TABS.slice(1);

/**
 * An EventBridge bus: header over tabs for its event log (this window's broker only), its rules and
 * archives, a pattern sandbox and putting an event.
 */
@customElement('ey-bus-view')
export class BusView extends LitElement {
  static override styles = [base, page, tabbedPage, tabPanel];

  @property() accessor name = '';
  private readonly tab = new SavedTab(this, 'bus', 'events');
  private readonly description = new Live<BusDescription>(this, {
    load: () => host.request('bus/describe', {}),
    when: (batch) => batch.changes.some((c) => c.service !== 'events' || !EVENT_CHANGES.has(c.type)),
  });

  override render() {
    return this.description.render((d) => this.renderDescription(d));
  }

  private renderDescription(d: BusDescription) {
    const patterns = d.rules.filter((r) => r.pattern !== undefined).length;
    return html`
      <header>
        <div class="row wrap">
          <h1 class="ellipsis">${d.name}</h1>
          <span class="pill">Event bus</span>
          <span class="muted" data-testid="rule-count"
            >${d.rules.length} rule${d.rules.length === 1 ? '' : 's'}${patterns !== d.rules.length ? `, ${patterns} with a pattern` : ''}</span
          >
          <ey-copy .text=${d.arn} label="Copy event bus ARN"></ey-copy>
        </div>
        ${this.description.renderError()}
      </header>
      ${host.capabilities.deliveryLog
        ? nothing
        : html`<p class="muted" data-testid="no-event-log">
            No event log here: EventBridge keeps no record a client can read of the events a bus received. Paste an event under Rules or in the
            pattern sandbox to see what matches it.
          </p>`}
      ${renderTabs(host.capabilities.deliveryLog ? TABS : CONNECTION_TABS, this.tab, (id) => this.renderTab(id, d))}
    `;
  }

  private renderTab(id: string, d: BusDescription) {
    switch (id) {
      case 'events':
        return html`<ey-bus-events-tab class="panel" .bus=${d}></ey-bus-events-tab>`;
      case 'rules':
        return html`<ey-bus-rules-tab class="panel" .bus=${d}></ey-bus-rules-tab>`;
      case 'sandbox':
        return html`<ey-bus-sandbox-tab class="panel" .bus=${d}></ey-bus-sandbox-tab>`;
      default:
        return html`<ey-bus-put-tab class="panel" .bus=${d}></ey-bus-put-tab>`;
    }
  }
}
