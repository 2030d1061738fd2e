import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import { OPEN_INSPECTOR_COMMAND } from '../inspector';
import { command } from './ui';

/**
 * `Eventyard: Find Message Trace`: a message id, trace id or text to find (asked for, or given as the
 * argument); the matching traces (src/broker/trace) open in a trace panel of the inspector, as a timeline.
 * Answers the id of the trace shown first, or undefined when none matched.
 */
export function registerTraceCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    command('eventyard.findMessageTrace', async (given?: unknown) => {
      const tracer = host.broker?.trace;
      if (!tracer) throw new Error('Message traces need a local broker with eventyard.traceBufferSize above 0.');
      const query = typeof given === 'string' && given.trim() ? given : await vscode.window.showInputBox({ prompt: 'Message id, trace id or text in a message body', ignoreFocusOut: true });
      if (!query?.trim()) return;
      const found = tracer.trace(query.trim()) ?? tracer.search({ text: query, limit: 1 })[0];
      if (!found) {
        void vscode.window.showInformationMessage(`Eventyard: no trace holds "${query}" (traces keep the newest hops of each resource).`);
        return;
      }
      await vscode.commands.executeCommand(OPEN_INSPECTOR_COMMAND, { kind: 'trace', name: query.trim() });
      // Answered for tests and other commands: the trace the panel shows first.
      return found.traceId;
    }),
  ];
}
