import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { sqsLimits } from '../../broker/limits';
import type { BrokerHost } from '../broker-host';
import type { QueueSummary } from '../client/snapshot';
import * as rules from '../validation/rules';
import { attributesAsText } from '../message-attributes';
import { pickQueue } from './pickers';
import { ask, command, notify, requireClient } from './ui';

/** Send (typed, from the editor selection, from a file) and receive a queue's messages; export and import are in transfer-commands.ts. */
export function registerMessageCommands(host: BrokerHost): vscode.Disposable[] {
  const send = async (node: unknown, body: string | undefined) => {
    const client = requireClient(host);
    const queue = await pickQueue(client, node);
    const text = body ?? (await ask(`Message body for ${queue.name}`, rules.messageBody, { value: '{"hello":"world"}' }));
    const problem = rules.messageBody(text);
    if (problem) throw new Error(problem);
    const { MessageId } = await client.sqs('SendMessage', { QueueUrl: queue.url, MessageBody: text, ...(await fifoFields(queue)) });
    notify(`sent message ${MessageId} to ${queue.name}.`);
  };

  return [
    command('eventyard.sendMessage', (node?: unknown) => send(node, undefined)),

    command('eventyard.sendSelection', async (node?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) throw new Error('Open a file and select the text to send.');
      const body = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
      await send(node, body);
    }),

    command('eventyard.sendFile', async (node?: unknown) => {
      const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, title: 'File to send as a message body' })) ?? [];
      if (!file) return;
      await send(node, Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
    }),

    command('eventyard.receiveMessages', async (node?: unknown) => {
      const client = requireClient(host);
      const queue = await pickQueue(client, node);
      const { Messages = [] } = await client.sqs('ReceiveMessage', {
        QueueUrl: queue.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'],
      });
      if (Messages.length === 0) return notify(`${queue.name} has no visible messages.`);
      // Binary attribute values as the base64 text people read and SDKs print, not a JSON dump of bytes.
      const shown = Messages.map((m) => (m.MessageAttributes ? { ...m, MessageAttributes: attributesAsText(m.MessageAttributes) } : m));
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(shown, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: true });
      notify(`received ${Messages.length} message(s) from ${queue.name}; they stay in flight for the visibility timeout (${queue.attributes.VisibilityTimeout ?? sqsLimits.defaultVisibilityTimeoutSeconds} s).`);
    }),

  ];
}

async function fifoFields(queue: QueueSummary): Promise<{ MessageGroupId?: string; MessageDeduplicationId?: string }> {
  if (!queue.fifo) return {};
  const MessageGroupId = await ask('MessageGroupId: messages of one group are delivered in order', rules.messageGroupId, { value: 'default' });
  return queue.attributes.ContentBasedDeduplication === 'true' ? { MessageGroupId } : { MessageGroupId, MessageDeduplicationId: randomUUID() };
}
