import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BusDescription, ServiceNotice } from '../../src/inspector/protocol';
import { renderTabs, SavedTab, type Tab } from '../components/tabs';
import { host } from '../host';
import { Live } from '../live';
import { base, page, tabbedPage, tabPanel } from '../styles';
import './events-tab';
import './sandbox-tab';
import './put-event-tab';

/** Changes to events, not to the bus or its rules: the header and the rule list need no refetch. */
const EVENT_CHANGES = new Set<ServiceNotice<'events'>['type']>(['eventPut', 'delivery']);
const TABS: Tab[] = [
  { id: 'events', label: 'Events' },
  { id: 'sandbox', label: 'Pattern sandbox' },
  { id: 'put', label: 'Put event' },
];

/** An EventBridge bus: header over tabs for its event log, a pattern sandbox and putting an event. */
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
      ${renderTabs(TABS, this.tab, (id) => this.renderTab(id, d))}
    `;
  }

  private renderTab(id: string, d: BusDescription) {
    switch (id) {
      case 'events':
        return html`<ey-bus-events-tab class="panel" .bus=${d}></ey-bus-events-tab>`;
      case 'sandbox':
        return html`<ey-bus-sandbox-tab class="panel" .bus=${d}></ey-bus-sandbox-tab>`;
      default:
        return html`<ey-bus-put-tab class="panel" .bus=${d}></ey-bus-put-tab>`;
    }
  }
}
