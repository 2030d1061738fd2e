import * as vscode from 'vscode';
import { dummyAccessKey } from '../../broker/identity';
import { decodeExport, encodeExport, formatOf, type ExportFormat } from '../../recording/export-file';
import { describeTarget, exportMessages, importMessages, type ImportResult, type TransferTarget } from '../../recording/transfer';
import type { BrokerHost } from '../broker-host';
import type { ResourceNode } from '../tree/nodes';
import { readSettings } from '../settings';
import { Cancelled, command, notify, pick, requireClient } from './ui';

/** Arguments that skip the prompts (tests, other commands). */
interface TransferArgs { file?: string; format?: ExportFormat }

const KINDS: readonly TransferTarget['kind'][] = ['queue', 'topic', 'stream'];
const FILTERS = { 'Messages (NDJSON, CSV)': ['ndjson', 'jsonl', 'json', 'csv'] };

/**
 * "Export Messages..." and "Import Messages..." on a queue, topic or stream row (or from the palette): the
 * same export and import as `eventyard export|import` (src/recording/transfer.ts), through this window's
 * endpoint, so they work alike on the window's own broker and on one it is attached to. An export peeks:
 * nothing is received.
 */
export function registerTransferCommands(host: BrokerHost): vscode.Disposable[] {
  const endpointOptions = () => {
    const settings = readSettings();
    return { endpoint: requireClient(host).endpoint, region: settings.region, credentials: settings.accessKeys[0] ?? dummyAccessKey };
  };

  return [
    command('eventyard.exportMessages', async (node?: unknown, args?: TransferArgs) => {
      const target = await chooseTarget(host, node, 'export');
      const format = args?.format ?? (await chooseFormat());
      const file = args?.file ?? (await saveTo(target, format));
      const messages = await exportMessages(endpointOptions(), target);
      await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(encodeExport(messages, format)));
      notify(`exported ${messages.length} message${messages.length === 1 ? '' : 's'} of ${describeTarget(target)} to ${vscode.workspace.asRelativePath(file)}.`);
      return { file, count: messages.length };
    }),

    command('eventyard.importMessages', async (node?: unknown, args?: TransferArgs): Promise<ImportResult> => {
      const target = await chooseTarget(host, node, 'import');
      const file = args?.file ?? (await openFrom(target));
      const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
      const messages = decodeExport(text, args?.format ?? formatOf(file, text));
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Sending ${messages.length} messages to ${describeTarget(target)}` },
        () => importMessages(endpointOptions(), target, messages),
      );
      notify(`sent ${result.sent} message${result.sent === 1 ? '' : 's'} to ${describeTarget(target)}${result.merged ? ` (${result.merged} lines repeating a message id were left out: an outbox has one per subscriber)` : ''}.`);
      return result;
    }),
  ];
}

/** The tree row's queue, topic or stream, else one the user picks among all three. */
async function chooseTarget(host: BrokerHost, node: unknown, verb: string): Promise<TransferTarget> {
  const row = node as ResourceNode | undefined;
  if (row && typeof row === 'object' && (KINDS as string[]).includes(row.kind)) return { kind: row.kind as TransferTarget['kind'], name: row.name };
  const snapshot = await requireClient(host).snapshot();
  const items = [
    ...snapshot.queues.map((q) => ({ label: q.name, description: 'queue', target: { kind: 'queue' as const, name: q.name } })),
    ...snapshot.topics.map((t) => ({ label: t.name, description: 'topic (its outbox)', target: { kind: 'topic' as const, name: t.name } })),
    ...snapshot.streams.map((s) => ({ label: s.name, description: 'stream', target: { kind: 'stream' as const, name: s.name } })),
  ];
  if (!items.length) throw new Error('There is no queue, topic or stream yet; create one first.');
  return (await pick(`Which queue, topic or stream to ${verb}?`, items)).target;
}

async function chooseFormat(): Promise<ExportFormat> {
  return (await pick('Export as', [
    { label: 'JSON lines (NDJSON)', description: 'one message a line, with attributes and ids', format: 'json' as const },
    { label: 'CSV', description: 'a header row, then one row a message', format: 'csv' as const },
  ])).format;
}

async function saveTo(target: TransferTarget, format: ExportFormat): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd());
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${target.name}.messages.${format === 'csv' ? 'csv' : 'ndjson'}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON lines': ['ndjson', 'jsonl'] },
    title: `Export the messages of ${describeTarget(target)} to`,
  });
  if (!uri) throw new Cancelled();
  return uri.fsPath;
}

async function openFrom(target: TransferTarget): Promise<string> {
  const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: FILTERS, title: `Messages to send to ${describeTarget(target)}` })) ?? [];
  if (!uri) throw new Cancelled();
  return uri.fsPath;
}
