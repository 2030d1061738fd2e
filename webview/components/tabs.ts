import { html, nothing, type ReactiveControllerHost } from 'lit';
import { host } from '../host';

export interface Tab {
  id: string;
  label: string;
}

/** Which tab a view shows, kept in VS Code's view state under `stateKey` so it survives the panel being hidden. */
export class SavedTab {
  id: string;

  constructor(
    private readonly view: ReactiveControllerHost,
    private readonly stateKey: string,
    first: string,
  ) {
    this.id = host.getState<{ tab: string }>(stateKey).tab ?? first;
  }

  select(id: string): void {
    this.id = id;
    host.setState(this.stateKey, { tab: id });
    this.view.requestUpdate();
  }
}

/**
 * VS Code tabs of which only the selected one is rendered, so a hidden tab neither fetches nor listens. A
 * saved tab that is not among `tabs` (a dead-letter tab of a queue that is no longer one) shows the first.
 */
export function renderTabs(tabs: Tab[], saved: SavedTab, renderTab: (id: string) => unknown) {
  const selected = Math.max(0, tabs.findIndex((t) => t.id === saved.id));
  return html`<vscode-tabs .selectedIndex=${selected} @vsc-tabs-select=${(e: CustomEvent<{ selectedIndex: number }>) => saved.select(tabs[e.detail.selectedIndex]?.id ?? tabs[0].id)}>
    ${tabs.map(
      (t, i) => html`<vscode-tab-header slot="header" id="tab-${t.id}">${t.label}</vscode-tab-header>
        <vscode-tab-panel>${i === selected ? renderTab(t.id) : nothing}</vscode-tab-panel>`,
    )}
  </vscode-tabs>`;
}
