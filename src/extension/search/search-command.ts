/**
 * `Eventyard: Search Messages`: one query over every queue, topic outbox, stream and delivery stream of
 * this window's broker (or the resource given), results streaming into a quick pick with the count; one
 * chosen opens in a read-only tab, two are diffed. Queries can be saved per workspace (workspaceState).
 */
import * as vscode from 'vscode';
import type { Broker } from '../../broker/broker';
import { SearchQueryError } from '../../broker/search/query';
import { searchMessages } from '../../broker/search/search';
import type { SearchItem, SearchTarget } from '../../broker/search/types';
import { registerRedriveCommand } from '../dlq/redrive-command';
import { MessageDocuments } from './message-documents';
import { parseQueryText } from './query-text';

const SAVED_KEY = 'eventyard.savedSearches';
const SAVE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save'), tooltip: 'Save this query for the workspace' };

/** Every resource of the broker's default scope that holds messages, records or objects. */
export function allTargets(broker: Broker): SearchTarget[] {
  return [
    ...broker.sqs.listQueueSummaries().map((q): SearchTarget => ({ kind: 'queue', name: q.name })),
    ...broker.sns.operations.ListTopics({}).Topics.map((t): SearchTarget => ({ kind: 'topic', name: t.TopicArn.slice(t.TopicArn.lastIndexOf(':') + 1) })),
    ...broker.kinesis.listStreamSummaries().map((s): SearchTarget => ({ kind: 'stream', name: s.name })),
    ...broker.firehose.listDeliveryStreamSummaries().map((s): SearchTarget => ({ kind: 'deliveryStream', name: s.name })),
  ];
}

interface ItemPick extends vscode.QuickPickItem {
  item: SearchItem;
}

function pickOf(item: SearchItem): ItemPick {
  const oneLine = item.body.replace(/\s+/g, ' ');
  return {
    label: oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine,
    description: `${item.kind} ${item.resource}${item.shardId ? ` · ${item.shardId}` : ''}${item.state ? ` · ${item.state}` : ''}`,
    detail: `${new Date(item.at).toISOString()} · ${item.id}`,
    item,
  };
}

export interface SearchCommandArgs {
  /** Skip the prompt: run this query. */
  query?: string;
  targets?: SearchTarget[];
}

/** Runs a search into a quick pick; resolves with what was found when the search ends (tests read it). */
async function runSearch(broker: Broker, documents: MessageDocuments, state: vscode.Memento, line: string, targets: SearchTarget[]): Promise<SearchItem[]> {
  const query = parseQueryText(line);
  const abort = new AbortController();
  const pick = vscode.window.createQuickPick<ItemPick>();
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.title = `Searching: ${line || 'everything'}`;
  pick.placeholder = 'Choose one to open it, two to compare them';
  pick.buttons = [SAVE_BUTTON];
  pick.onDidTriggerButton(async () => {
    const saved = state.get<string[]>(SAVED_KEY, []);
    if (!saved.includes(line)) await state.update(SAVED_KEY, [line, ...saved].slice(0, 50));
    void vscode.window.showInformationMessage(`Saved the search "${line}" for this workspace.`);
  });
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
    if (chosen.length === 1) void documents.open(chosen[0].item);
    else if (chosen.length === 2) void documents.diff(chosen[0].item, chosen[1].item);
    else return;
    pick.hide();
  });
  pick.onDidHide(() => {
    abort.abort();
    pick.dispose();
  });
  pick.show();
  const found: SearchItem[] = [];
  try {
    for await (const batch of searchMessages(broker, targets, query, { signal: abort.signal })) {
      if (batch.items.length) {
        found.push(...batch.items);
        pick.items = [...pick.items, ...batch.items.map(pickOf)];
      }
      pick.title = `${batch.matched} found of ${batch.scanned} scanned (of ${batch.total})${batch.failures.length ? ` · ${batch.failures.length} not readable` : ''}: ${line || 'everything'}`;
      // Let the broker answer its clients between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    pick.hide();
    void vscode.window.showErrorMessage(e instanceof SearchQueryError ? e.message : `Search failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    pick.busy = false;
  }
  return found;
}

/** Asks for the query, offering the workspace's saved ones. */
async function askQuery(state: vscode.Memento): Promise<string | undefined> {
  const saved = state.get<string[]>(SAVED_KEY, []);
  const input = vscode.window.createQuickPick();
  input.title = 'Search messages';
  input.placeholder = 'text · @attribute=value · $.json.path or $[?(@.total > 100)] · jsonata: total > 100';
  input.items = saved.map((label) => ({ label, description: 'saved' }));
  return new Promise((resolve) => {
    input.onDidAccept(() => {
      const value = input.selectedItems[0]?.label ?? input.value;
      resolve(value);
      input.hide();
    });
    input.onDidHide(() => {
      resolve(undefined);
      input.dispose();
    });
    input.show();
  });
}

export function registerSearchCommands(getBroker: () => Broker | undefined, state: vscode.Memento): vscode.Disposable[] {
  const documents = new MessageDocuments();
  return [
    documents,
    vscode.commands.registerCommand('eventyard.searchMessages', async (args?: SearchCommandArgs) => {
      const broker = getBroker();
      if (!broker) {
        void vscode.window.showWarningMessage('Search needs this window\'s own broker running (it is stopped or attached to another window).');
        return [];
      }
      const line = args?.query ?? (await askQuery(state));
      if (line === undefined) return [];
      return runSearch(broker, documents, state, line, args?.targets ?? allTargets(broker));
    }),
    registerRedriveCommand(getBroker, documents),
    vscode.commands.registerCommand('eventyard.openMessage', (item: SearchItem, view?: 'raw' | 'pretty' | 'hex') => documents.open(item, view)),
    vscode.commands.registerCommand('eventyard.diffMessages', (left: SearchItem, right: SearchItem, title?: string) => documents.diff(left, right, title)),
  ];
}
