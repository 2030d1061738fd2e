import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import { command } from './ui';

/**
 * `Eventyard: Find Message Trace`: a message id, trace id or text to find; the matching traces (src/broker/trace)
 * open as a read-only JSON document, payloads as text. The inspector's timeline view is still to come.
 */
export function registerTraceCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    command('eventyard.findMessageTrace', async () => {
      const tracer = host.broker?.trace;
      if (!tracer) throw new Error('Message traces need a local broker with eventyard.traceBufferSize above 0.');
      const query = await vscode.window.showInputBox({ prompt: 'Message id, trace id or text in a message body', ignoreFocusOut: true });
      if (!query) return;
      const byId = tracer.trace(query.trim());
      const traces = byId ? [byId] : tracer.search({ text: query, limit: 20 });
      if (traces.length === 0) {
        void vscode.window.showInformationMessage(`Eventyard: no trace holds "${query}" (traces keep the newest hops of each resource).`);
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(traces, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  ];
}
