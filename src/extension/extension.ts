// Minimal host until the editor integration (issue 8) lands: runs the broker in-process, serves it on the
// eventyard.port endpoint, shows that endpoint in the status bar and registers the inspector. The UI work
// grows this file (tree, commands, restart on setting changes, attaching to a broker another window serves).
import * as vscode from 'vscode';
import { Broker } from '../broker/broker';
import { startServer, type RunningServer } from '../server/server';
import { registerInspector } from './inspector';

export interface EventyardApi {
  broker: Broker;
}

export async function activate(context: vscode.ExtensionContext): Promise<EventyardApi> {
  const output = vscode.window.createOutputChannel('Eventyard');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  context.subscriptions.push(output, status);

  const port = vscode.workspace.getConfiguration('eventyard').get<number>('port', 4566);
  const broker = new Broker({ endpoint: `http://127.0.0.1:${port}` });
  context.subscriptions.push(registerInspector(context, () => broker));
  status.text = `$(sync~spin) Eventyard :${port}`;
  status.show();

  let server: RunningServer | undefined;
  try {
    server = await startServer(broker, { port, host: '127.0.0.1', log: (line) => output.appendLine(line) });
    status.text = `$(broadcast) Eventyard :${server.port}`;
    status.tooltip = `AWS endpoint ${server.url} (AWS_ENDPOINT_URL=${server.url})`;
    output.appendLine(`Eventyard: AWS endpoint listening on ${server.url}`);
  } catch (e) {
    // The broker still serves the editor (tree, inspector) when the port is taken.
    status.text = `$(error) Eventyard :${port}`;
    status.tooltip = `The endpoint could not listen on 127.0.0.1:${port}: ${(e as Error).message}`;
    output.appendLine(status.tooltip);
  }
  context.subscriptions.push({
    dispose: () => {
      void server?.close();
      broker.dispose();
    },
  });
  return { broker };
}

export function deactivate(): void {}
