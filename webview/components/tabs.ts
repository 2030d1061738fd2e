import { html, nothing } from 'lit';

export interface Tab {
  id: string;
  label: string;
}

/**
 * VS Code tabs of which only the selected one is rendered, so a hidden tab neither fetches nor listens.
 * An unknown `selectedId` selects the first tab; `select` gets the id of the tab the user picks.
 */
export function renderTabs(tabs: Tab[], selectedId: string, select: (id: string) => void, renderTab: (id: string) => unknown) {
  const selected = Math.max(0, tabs.findIndex((t) => t.id === selectedId));
  return html`<vscode-tabs .selectedIndex=${selected} @vsc-tabs-select=${(e: CustomEvent<{ selectedIndex: number }>) => select(tabs[e.detail.selectedIndex]?.id ?? tabs[0].id)}>
    ${tabs.map(
      (t, i) => html`<vscode-tab-header slot="header" id="tab-${t.id}">${t.label}</vscode-tab-header>
        <vscode-tab-panel>${i === selected ? renderTab(t.id) : nothing}</vscode-tab-panel>`,
    )}
  </vscode-tabs>`;
}
