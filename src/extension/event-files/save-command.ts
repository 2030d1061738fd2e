import * as vscode from 'vscode';
import type { PeekedMessage } from '../../broker/sqs/message';
import { eventFileFrom, type SavedItem } from '../../event-files/save';
import type { BrokerHost } from '../broker-host';
import { pickQueue } from '../commands/pickers';
import { Cancelled, command, notify, requireClient } from '../commands/ui';
import { savedMessage } from '../inspector/saved-items';

export const SAVE_AS_EVENT_FILE = 'eventyard.saveAsEventFile';

/** What the inspector (or a test) hands the command instead of a tree row: the items, or a queue and some of its messages. */
export type SaveRequest = { items: SavedItem[]; name: string } | { queue: string; messageIds?: string[] };

/**
 * "Save as Event File": messages of a queue (a dead-letter queue's go back to the queue they came from),
 * or items the inspector chose, written as a `*.events.yaml` file in the workspace and opened, so what
 * happened can be sent again from the editor or from CI. Resolves to the file written.
 */
export function registerSaveAsEventFile(host: BrokerHost): vscode.Disposable {
  return command(SAVE_AS_EVENT_FILE, async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const request = arg as Partial<SaveRequest> | undefined;
    let items: SavedItem[];
    let name: string;
    if (request && 'items' in request && Array.isArray(request.items)) {
      items = request.items;
      name = request.name ?? 'saved';
    } else {
      const client = requireClient(host);
      const queue = request && 'queue' in request && typeof request.queue === 'string'
        ? (await client.snapshot()).queues.find((q) => q.name === request.queue)
        : await pickQueue(client, arg);
      if (!queue) throw new Error(`There is no queue ${String((request as { queue?: string }).queue)}.`);
      const { messages } = await client.peek(queue.name, 0, queue.visible + queue.inFlight + queue.delayed);
      if (messages.length === 0) return void notify(`${queue.name} holds no messages to save.`);
      const wanted = request && 'messageIds' in request && request.messageIds ? new Set(request.messageIds) : undefined;
      const chosen = wanted ? messages.filter((m) => wanted.has(m.messageId)) : await chooseMessages(queue.name, messages);
      items = chosen.map(savedMessage(queue.name));
      name = queue.name;
    }
    if (items.length === 0) return undefined;
    const saved = eventFileFrom(items, name);
    const target = await freeUri(name);
    await vscode.workspace.fs.writeFile(target, Buffer.from(saved.text, 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
    notify(`saved ${items.length} item${items.length === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}${saved.notes.length ? ` (${saved.notes.length} note(s) at its top)` : ''}.`);
    return target;
  });
}

async function chooseMessages(queue: string, messages: PeekedMessage[]): Promise<PeekedMessage[]> {
  const picks = messages.map((m) => ({ label: m.body.replace(/\s+/g, ' ').slice(0, 120), description: m.messageId, picked: true, message: m }));
  const chosen = await vscode.window.showQuickPick(picks, { title: 'Eventyard', placeHolder: `Messages of ${queue} to save as an event file`, canPickMany: true, ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  return chosen.map((c) => c.message);
}

/** `<name>.events.yaml` in the first workspace folder, or `<name>-2.events.yaml` and so on when taken. */
async function freeUri(name: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('Open a folder to save an event file in.');
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.fifo$/, '-fifo') || 'saved';
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}.events.yaml`);
    // A document still open under that name (its file deleted) would show its old text instead of the new file.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}
