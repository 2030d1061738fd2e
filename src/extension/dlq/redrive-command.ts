/**
 * `Eventyard: Redrive Dead Letters…` on a dead-letter queue: choose the messages with the search's query
 * line, optionally transform them with JSONata, see the dry run as a diff (all bodies before and after, in
 * the diff editor), then send them to their source queue or another one, each original deleted only once
 * its send was acknowledged.
 */
import * as vscode from 'vscode';
import type { Broker } from '../../broker/broker';
import { compileQuery } from '../../broker/search/query';
import { queueItem } from '../../broker/search/queue-source';
import type { SearchItem } from '../../broker/search/types';
import type { MessageDocuments } from '../search/message-documents';
import { parseQueryText } from '../search/query-text';
import { planRedrive, runRedrive, type RedriveEntry } from './redrive-plan';

export interface RedriveArgs {
  queue: string;
  query?: string;
  transform?: string;
  destination?: string;
  dropAttributes?: boolean;
  /** Skip the confirmation: true sends, false stops after the dry run (tests). */
  confirm?: boolean;
}

function asJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function side(queue: string, id: string, entries: RedriveEntry[], pick: (e: RedriveEntry) => string): SearchItem {
  const body = JSON.stringify(entries.map((e) => ({ messageId: e.messageId, destination: e.destination, body: asJson(pick(e)) })));
  return { kind: 'queue', resource: queue, id, body, at: 0, attributes: {} };
}

export function registerRedriveCommand(getBroker: () => Broker | undefined, documents: MessageDocuments): vscode.Disposable {
  return vscode.commands.registerCommand('eventyard.redriveDeadLetters', async (args?: RedriveArgs) => {
    const broker = getBroker();
    if (!broker) return void vscode.window.showWarningMessage('The dead-letter workbench needs this window\'s own broker running.');
    const queue = args?.queue ?? (await vscode.window.showInputBox({ prompt: 'Dead-letter queue' }));
    if (!queue) return undefined;
    const line = args?.query ?? (await vscode.window.showInputBox({ prompt: 'Which messages (empty: all)', placeHolder: 'text · @attribute=value · $.json.path · jsonata: expr' }));
    if (line === undefined) return undefined;
    const transform = args?.transform ?? (await vscode.window.showInputBox({ prompt: 'JSONata transform of each body (empty: send as they are)' }));
    if (transform === undefined) return undefined;
    try {
      const test = compileQuery(parseQueryText(line));
      const chosen = [];
      for (const m of broker.sqs.peek(queue, { limit: Number.MAX_SAFE_INTEGER }).messages) {
        if (m.state !== 'inFlight' && (await test(queueItem(queue, m)))) chosen.push(m);
      }
      const { entries, errors } = await planRedrive(chosen, { transform, destination: args?.destination, dropAttributes: args?.dropAttributes });
      await documents.diff(side(queue, 'dry-run-before', entries, (e) => e.before), side(queue, 'dry-run-after', entries, (e) => e.after), `Redrive dry run: ${entries.length} from ${queue}`);
      const skipped = errors.length ? ` ${errors.length} cannot be sent (${errors[0].error})` : '';
      const go =
        args?.confirm ??
        (await vscode.window.showWarningMessage(`Send ${entries.length} message(s) and delete them from ${queue}?${skipped}`, { modal: true }, 'Send')) === 'Send';
      if (!go) return { entries, errors, sent: [], failed: [] };
      const out = await runRedrive(broker, queue, entries);
      void vscode.window.showInformationMessage(`Redrove ${out.sent.length} message(s)${out.failed.length ? `; ${out.failed.length} failed: ${out.failed[0].error}` : ''}.`);
      return { entries, errors, ...out };
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  });
}
