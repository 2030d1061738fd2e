import * as vscode from 'vscode';
import type { ResourceKind, ResourceRef } from '../../inspector/protocol';
import { ActivityLog } from './activity-log';
import { InspectorPanel } from './panel';
import { listResources } from './resources';
import { inspectedBroker, InspectorRoot, scopeSuffix } from './scoped-broker';

export const OPEN_INSPECTOR_COMMAND = 'eventyard.openInspector';

const KINDS: ResourceKind[] = ['queue', 'topic', 'stream', 'deliveryStream', 'function', 'bus', 'stateMachine', 'recording', 'trace'];

function isResourceRef(value: unknown): value is ResourceRef {
  const v = value as ResourceRef | undefined;
  const scopeOk = v?.scope === undefined || (typeof v.scope.accountId === 'string' && typeof v.scope.region === 'string');
  return !!v && typeof v.name === 'string' && v.name.length > 0 && KINDS.includes(v.kind) && scopeOk;
}

/** One panel per resource: the same name in another account or region is another resource. */
function panelKey(resource: ResourceRef): string {
  return `${resource.kind}:${resource.name}${resource.scope ? `@${resource.scope.accountId}/${resource.scope.region}` : ''}`;
}

/**
 * Registers `eventyard.openInspector` ({kind, name}). One panel per resource: opening it again reveals it.
 * The broker may be restarted behind the panels (a setting change, the Restart command): `brokerChanged`
 * fires then, and open panels and the activity log move to the new broker.
 */
export function registerInspector(
  context: vscode.ExtensionContext,
  getBroker: () => InspectorRoot | undefined,
  brokerChanged: vscode.Event<unknown>,
): vscode.Disposable {
  const panels = new Map<string, InspectorPanel>();
  const activity = new ActivityLog();
  let watched: InspectorRoot | undefined;
  let unwatch: (() => void) | undefined;
  const watch = (broker: InspectorRoot) => {
    if (watched === broker) return;
    unwatch?.();
    watched = broker;
    const offs = [broker.events.on((e) => activity.record(e)), broker.otherScopeEvents.on((e) => activity.record(e))];
    unwatch = () => offs.forEach((off) => off());
  };
  const current = getBroker();
  if (current) watch(current);

  const open = async (argument: unknown) => {
    const broker = getBroker();
    if (!broker) {
      void vscode.window.showErrorMessage('Eventyard: the broker is not running.');
      return;
    }
    // From the palette there is no argument: let the user pick what to inspect.
    const resource = isResourceRef(argument) ? argument : await pickResource(broker);
    if (!resource) return;
    watch(broker);
    const key = panelKey(resource);
    const existing = panels.get(key);
    if (existing) {
      existing.show(resource);
      return;
    }
    const view = inspectedBroker(broker, resource.scope);
    if (!view) {
      void vscode.window.showErrorMessage(`Eventyard: nothing was made in account ${resource.scope?.accountId} in ${resource.scope?.region}.`);
      return;
    }
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, `${resource.name}${scopeSuffix(resource.scope)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
    });
    panels.set(key, new InspectorPanel(resource, panel, context.extensionUri, { kind: 'local', broker: view, activity }, () => panels.delete(key)));
  };

  const command = vscode.commands.registerCommand(OPEN_INSPECTOR_COMMAND, open);
  const rebind = brokerChanged(() => {
    // While stopped or starting there is no broker: panels wait for the next one.
    const broker = getBroker();
    if (!broker || broker === watched) return;
    watch(broker);
    // A panel of another account and region whose scope the new broker lacks keeps waiting, unchanged.
    for (const p of panels.values()) {
      const view = inspectedBroker(broker, p.resourceRef.scope);
      if (view) p.rebind(view);
    }
  });
  const disposable = vscode.Disposable.from(command, rebind, {
    dispose: () => {
      unwatch?.();
      for (const p of [...panels.values()]) p.dispose();
    },
  });
  context.subscriptions.push(disposable);
  return disposable;
}

async function pickResource(broker: InspectorRoot): Promise<ResourceRef | undefined> {
  const items = listResources(broker).map((r) => ({ label: r.name, description: r.kindLabel, resource: r.ref }));
  if (!items.length) {
    void vscode.window.showInformationMessage('Eventyard: there is nothing to inspect yet. Create a queue, topic or stream first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Open Inspector', placeHolder: 'Queue, topic, stream, function, event bus or state machine to inspect' });
  return picked?.resource;
}
