import * as vscode from 'vscode';
import type { BrokerHost, HostState } from './broker-host';

const LOOK: Record<HostState['kind'], { icon: string; label: (s: HostState) => string; color?: string }> = {
  stopped: { icon: '$(debug-stop)', label: () => 'Eventyard stopped', color: 'statusBarItem.warningBackground' },
  starting: { icon: '$(sync~spin)', label: () => 'Eventyard starting' },
  serving: { icon: '$(broadcast)', label: (s) => `Eventyard ${endpointOf(s)}` },
  unreachable: { icon: '$(warning)', label: (s) => `Eventyard ${endpointOf(s)} (port taken)`, color: 'statusBarItem.warningBackground' },
  attached: { icon: '$(link)', label: (s) => `Eventyard ${endpointOf(s)} (attached)` },
};

function endpointOf(s: HostState): string {
  return 'endpoint' in s ? s.endpoint.replace(/^http:\/\//, '') : '';
}

/** The endpoint and the broker's state at a glance; a click copies the environment an app needs. */
export function createStatusBar(host: BrokerHost): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('eventyard.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Eventyard';
  const show = (state: HostState) => {
    const look = LOOK[state.kind];
    item.text = `${look.icon} ${look.label(state)}`;
    item.backgroundColor = look.color ? new vscode.ThemeColor(look.color) : undefined;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Eventyard** is ${state.kind}`);
    if ('endpoint' in state) tooltip.appendMarkdown(`\n\n\`AWS_ENDPOINT_URL=${state.endpoint}\``);
    if (state.kind === 'unreachable') tooltip.appendMarkdown(`\n\nApps cannot reach it: ${state.reason}`);
    if (state.kind === 'attached') tooltip.appendMarkdown('\n\nAnother window runs this broker; this window works on it through the endpoint.');
    tooltip.appendMarkdown('\n\nClick to copy the environment variables for your app.');
    item.tooltip = tooltip;
    item.command = state.kind === 'stopped' ? 'eventyard.startBroker' : 'eventyard.copyEnvironment';
  };
  show(host.state);
  item.show();
  return vscode.Disposable.from(item, host.onDidChange(show));
}
