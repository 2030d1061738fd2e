import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import type { ReplayCommandResult } from '../../src/extension/commands/archive-commands';
import type { EventCommandResult } from '../../src/extension/commands/eventbridge-commands';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace has no folder');
  return folder.uri;
}

const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, Buffer.from(text));

interface Row {
  node: TreeNode;
  label: string;
  description: string;
  contextValue?: string;
}

/** The rows of the Resources view under a row (the root when absent), as the view asks for and draws them. */
async function rows(a: EventyardApi, parent?: TreeNode): Promise<Row[]> {
  return (await a.tree.getChildren(parent)).map((node) => {
    const item = a.tree.getTreeItem(node);
    return { node, label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue };
  });
}

/** The row at a path of labels, read afresh from the root (the view re-reads the broker at its root). */
async function at(a: EventyardApi, ...labels: string[]): Promise<Row> {
  let current: Row | undefined;
  for (const label of labels) {
    current = (await rows(a, current?.node)).find((r) => r.label === label);
    assert.ok(current, `the tree shows a row ${labels.slice(0, labels.indexOf(label) + 1).join(' > ')}`);
  }
  return current!;
}

const SHOP = ['Event buses', 'eb-shop'];
const DEFAULT = ['Event buses', 'default'];

/** The walkthrough's routes ("Route events with EventBridge"), with names of this suite. */
const DEFINITIONS = `
queues:
  - name: eb-orders
functions:
  - name: eb-notify
    module: functions/eb-notify.mjs
buses:
  - name: eb-shop
rules:
  - name: eb-order-placed
    bus: eb-shop
    eventPattern:
      source: [shop.orders]
      detail-type: [OrderPlaced]
    targets:
      - queue: eb-orders
      - function: eb-notify
        inputTransformer:
          inputPathsMap: { id: $.detail.orderId, total: $.detail.total }
          inputTemplate: '{"text": "Order <id> placed", "total": <total>}'
  - name: eb-big-orders
    bus: eb-shop
    eventPattern:
      source: [shop.orders]
      detail:
        total: [{ numeric: [">=", 100] }]
    targets:
      - queue: eb-orders
  - name: eb-nightly
    schedule: rate(1 minute)
    targets:
      - function: eb-notify
        input: { text: nightly report }
`;

const EVENT = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { orderId: 'o-1001', total: 42.5, customer: { tier: 'gold' } } };

async function showJson(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  return vscode.window.showTextDocument(doc);
}

suite('extension: EventBridge', () => {
  const file = () => vscode.Uri.joinPath(root(), 'eventyard.yaml');

  suiteSetup(async () => {
    await write(vscode.Uri.joinPath(root(), 'functions', 'eb-notify.mjs'), 'export const handler = async (event) => ({ got: event });\n');
    await write(file(), DEFINITIONS);
    const a = await api();
    // every rule of the file: they are applied one after the other, the default bus's eb-nightly last
    await eventually('the rules from eventyard.yaml', () => {
      const buses = a.broker!.eventbridge.listBusSummaries();
      return buses.find((b) => b.name === 'eb-shop')?.rules.length === 2 && !!buses.find((b) => b.name === 'default')?.rules.some((r) => r.name === 'eb-nightly');
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file()).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'functions'), { recursive: true }).then(undefined, () => undefined);
  });

  test('the tree shows the bus, its rules (pattern or schedule) and their targets', async () => {
    const a = await api();
    const shop = await at(a, ...SHOP);
    assert.equal(shop.description, '2 rules');
    assert.equal(shop.contextValue, 'bus');
    assert.deepEqual(a.tree.getTreeItem(shop.node).command?.arguments, [{ kind: 'bus', name: 'eb-shop' }], 'a click opens the bus inspector');
    const rules = await rows(a, shop.node);
    assert.deepEqual(rules.map((r) => [r.label, r.description, r.contextValue]), [
      ['eb-big-orders', 'pattern {"source":["shop.orders"],"detail":{"total":[{"numeric":[">=",100]}]}}', 'rule.enabled.pattern'],
      ['eb-order-placed', 'pattern {"source":["shop.orders"],"detail-type":["OrderPlaced"]}', 'rule.enabled.pattern'],
    ]);
    const targets = await rows(a, rules[1].node);
    assert.deepEqual(targets.map((t) => [t.label, t.description]), [['queue: eb-orders', 'id eb-orders'], ['function: eb-notify', 'id eb-notify · input transformer']]);
    assert.equal((await at(a, ...DEFAULT, 'eb-nightly')).description, 'schedule rate(1 minute)');
    await vscode.commands.executeCommand('eventyard.copyArn', shop.node);
    assert.equal(await vscode.env.clipboard.readText(), a.broker!.eventbridge.state.busArn('eb-shop'), 'Copy ARN gives the bus ARN apps put events on');
  });

  test('Put Event from a JSON editor routes the order by pattern to the queue and, transformed, to the function', async () => {
    const a = await api();
    const broker = a.broker!;
    await showJson(JSON.stringify(EVENT, null, 2));
    const shop = await at(a, ...SHOP);
    const result = (await vscode.commands.executeCommand('eventyard.putEvent', shop.node)) as EventCommandResult;
    assert.match(result.message ?? String(result.error), /^Eventyard: put event: [0-9a-f-]{36} on eb-shop matched eb-order-placed\.$/);
    await eventually('the event in eb-orders', () => broker.sqs.peek('eb-orders').total === 1);
    const envelope = JSON.parse(broker.sqs.peek('eb-orders').messages[0].body) as Record<string, unknown>;
    assert.equal(envelope['detail-type'], 'OrderPlaced');
    assert.deepEqual(envelope.detail, EVENT.Detail);
    const invocation = await eventually('eb-notify invoked by the rule', () => broker.functions.listInvocations('eb-notify').find((i) => i.trigger !== undefined && (i.input as { text?: string }).text?.startsWith('Order')));
    assert.deepEqual(invocation!.input, { text: 'Order o-1001 placed', total: 42.5 }, 'the input transformer shaped what the function got');
  });

  test('Test Pattern says why a rule does not match: the first field that failed and the event\'s value there', async () => {
    const a = await api();
    await showJson(JSON.stringify(EVENT));
    const [big, placed] = await rows(a, (await at(a, ...SHOP)).node);
    const miss = (await vscode.commands.executeCommand('eventyard.testPattern', big.node)) as EventCommandResult;
    assert.equal(miss.message, 'Eventyard: Rule eb-big-orders does not match the event. First field that failed: detail.total: 42.5 does not match [{"numeric":[">=",100]}].');
    const hit = (await vscode.commands.executeCommand('eventyard.testPattern', placed.node)) as EventCommandResult;
    assert.equal(hit.message, 'Eventyard: Rule eb-order-placed matches the event.');
  });

  test('Create Rule from Event makes a pattern of the chosen fields; Put Event from a selection then matches it', async () => {
    const a = await api();
    const shop = await at(a, ...SHOP);
    const created = (await vscode.commands.executeCommand('eventyard.createRuleFromEvent', shop.node, {
      event: JSON.stringify(EVENT), fields: ['source', 'detail.customer.tier'], ruleName: 'eb-gold',
    })) as EventCommandResult;
    assert.equal(created.message, 'Eventyard: created rule eb-gold on eb-shop with pattern {"source":["shop.orders"],"detail":{"customer":{"tier":["gold"]}}}. Add a target to route the matching events.');
    assert.equal((await at(a, ...SHOP, 'eb-gold')).description, 'pattern {"source":["shop.orders"],"detail":{"customer":{"tier":["gold"]}}}');

    // the selection, not the whole document, is the event
    const prefix = '// a gold customer\n';
    const editor = await showJson(prefix + JSON.stringify(EVENT));
    editor.selection = new vscode.Selection(editor.document.positionAt(prefix.length), editor.document.positionAt(editor.document.getText().length));
    const put = (await vscode.commands.executeCommand('eventyard.putEvent', shop.node)) as EventCommandResult;
    assert.match(put.message ?? String(put.error), / on eb-shop matched eb-gold, eb-order-placed\.$/);
  });

  test('Disable Rule greys the row and says so; Enable Rule brings it back', async () => {
    const a = await api();
    const nightly = await at(a, ...DEFAULT, 'eb-nightly');
    assert.equal(nightly.contextValue, 'rule.enabled.schedule');
    const off = (await vscode.commands.executeCommand('eventyard.disableRule', nightly.node)) as EventCommandResult;
    assert.equal(off.message, 'Eventyard: disabled rule eb-nightly: it matches no event until enabled again.');
    const disabled = await at(a, ...DEFAULT, 'eb-nightly');
    assert.equal(disabled.description, 'disabled · schedule rate(1 minute)');
    assert.equal(disabled.contextValue, 'rule.disabled.schedule');
    await vscode.commands.executeCommand('eventyard.enableRule', disabled.node);
    assert.equal((await at(a, ...DEFAULT, 'eb-nightly')).description, 'schedule rate(1 minute)');
  });

  test('errors are plain sentences with AWS\'s code and words, never a stack trace', async () => {
    const a = await api();
    const shop = await at(a, ...SHOP);
    const refused = (await vscode.commands.executeCommand('eventyard.testPattern', undefined, { pattern: '{"source": "shop.orders"}', event: JSON.stringify(EVENT) })) as EventCommandResult;
    assert.match(refused.error ?? '', /^Eventyard: InvalidEventPatternException: Event pattern is not valid\. Reason: "source" must be an object or an array/);
    const noSource = (await vscode.commands.executeCommand('eventyard.putEvent', shop.node, { event: '{"DetailType": "OrderPlaced", "Detail": {}}' })) as EventCommandResult;
    assert.equal(noSource.error, 'Eventyard: The event has no "Source" string.');
    const exists = (await vscode.commands.executeCommand('eventyard.createEventBus', undefined, { busName: 'eb-shop' })) as EventCommandResult;
    assert.equal(exists.error, 'Eventyard: ResourceAlreadyExistsException: Event bus eb-shop already exists.');
    for (const e of [refused.error, noSource.error, exists.error]) assert.doesNotMatch(e ?? '', /\n\s+at .+:\d+:\d+/);
  });

  test('Put Event without an event in the editor opens a sample event to edit; a broken event is an error', async () => {
    const a = await api();
    await showJson('{"Source": "shop.orders", "Detail": {}}');
    const missing = (await vscode.commands.executeCommand('eventyard.putEvent', (await at(a, ...SHOP)).node)) as EventCommandResult;
    assert.equal(missing.error, 'Eventyard: The event has no "DetailType" string.', 'an event being edited is checked, not replaced');
    await showJson('{"name": "not-an-event", "version": "1.0.0"}');
    const shop = await at(a, ...SHOP);
    const result = (await vscode.commands.executeCommand('eventyard.putEvent', shop.node)) as EventCommandResult;
    assert.equal(result.message, 'Eventyard: edit the event in this editor, then run "Eventyard: Put Event" again (it puts the editor\'s event, or the selected one).');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'json');
    assert.deepEqual(Object.keys(JSON.parse(editor!.document.getText())), ['Source', 'DetailType', 'Detail']);
  });
});

suite('extension: EventBridge archives and replays', () => {
  const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/eb-archived';
  const ARCHIVED = ['Event buses', 'eb-archived', 'eb-archive'];

  suiteSetup(async () => {
    const broker = (await api()).broker!;
    broker.sqs.operations.CreateQueue({ QueueName: 'eb-replayed' });
    const ops = broker.eventbridge.operations;
    ops.CreateEventBus({ Name: 'eb-archived' });
    ops.PutRule({ Name: 'eb-archived-orders', EventBusName: 'eb-archived', EventPattern: '{"source":["shop.orders"]}' });
    ops.PutTargets({ Rule: 'eb-archived-orders', EventBusName: 'eb-archived', Targets: [{ Id: 'q', Arn: broker.sqs.queueArn('eb-replayed') }] });
    ops.CreateArchive({ ArchiveName: 'eb-archive', EventSourceArn: busArn, EventPattern: '{"source":["shop.orders"]}', Description: 'orders, for replays' });
    ops.PutEvents({ Entries: [1, 2].map((n) => ({ EventBusName: 'eb-archived', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ n }) })) });
    await eventually('the routed events', () => broker.sqs.peek('eb-replayed').total === 2);
  });

  suiteTeardown(async () => {
    const broker = (await api()).broker;
    if (!broker) return;
    const ops = broker.eventbridge.operations;
    ops.DeleteArchive({ ArchiveName: 'eb-archive' });
    ops.RemoveTargets({ Rule: 'eb-archived-orders', EventBusName: 'eb-archived', Ids: ['q'] });
    ops.DeleteRule({ Name: 'eb-archived-orders', EventBusName: 'eb-archived' });
    ops.DeleteEventBus({ Name: 'eb-archived' });
  });

  test('the tree shows an archive under its bus with what DescribeArchive says', async () => {
    const a = await api();
    const row = await eventually('the archive row', () => at(a, ...ARCHIVED).catch(() => undefined));
    assert.match(row!.description, /^2 events · \d+ B · kept indefinitely$/);
    assert.equal(row!.contextValue, 'archive');
    const tooltip = a.tree.getTreeItem(row!.node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /archive of bus eb-archived, enabled/);
    assert.match(tooltip.value, /orders, for replays/);
    assert.match(tooltip.value, /\{"source":\["shop\.orders"\]\}/);
  });

  test('Start Replay sends the archived events back to the bus rules with replay-name; Cancel Replay stops one', async () => {
    const a = await api();
    const broker = a.broker!;
    const row = await at(a, ...ARCHIVED);
    const window = { start: new Date(Date.now() - 3_600_000).toISOString(), end: new Date(Date.now() + 1000).toISOString() };
    const started = (await vscode.commands.executeCommand('eventyard.startReplay', row.node, { ...window, replayName: 'eb-replay-1' })) as ReplayCommandResult;
    assert.equal(started.message, `Eventyard: replay eb-replay-1 started: the events eb-archive archived from ${window.start} to ${window.end} go back to bus eb-archived, to its rules.`);
    // the two events routed when they were put, then the same two replayed
    await eventually('the replayed events', () => broker.sqs.peek('eb-replayed').total === 4);
    const replayNames = broker.sqs.peek('eb-replayed').messages.map((m) => (JSON.parse(m.body) as Record<string, unknown>)['replay-name']);
    assert.deepEqual(replayNames.sort(), [undefined, undefined, 'eb-replay-1', 'eb-replay-1'].sort());
    await eventually('the replay completed', () => broker.eventbridge.operations.DescribeReplay({ ReplayName: 'eb-replay-1' }).State === 'COMPLETED');
    assert.match((await at(a, ...ARCHIVED)).description, /^2 events /, 'replayed events are not archived again');

    await vscode.commands.executeCommand('eventyard.startReplay', row.node, { ...window, replayName: 'eb-replay-2' });
    const cancelled = (await vscode.commands.executeCommand('eventyard.cancelReplay', undefined, { replayName: 'eb-replay-2' })) as ReplayCommandResult;
    assert.equal(cancelled.message, "Eventyard: replay eb-replay-2 is cancelling; the events it has not sent yet will not be sent.");
    const again = (await vscode.commands.executeCommand('eventyard.cancelReplay', undefined, { replayName: 'eb-replay-2' })) as ReplayCommandResult;
    assert.equal(again.error, 'Eventyard: IllegalStatusException: Replay eb-replay-2 is not in a valid state for this operation.');
  });

  test('Start Replay errors are AWS\'s words, never a stack trace', async () => {
    const a = await api();
    const row = await at(a, ...ARCHIVED);
    const backwards = (await vscode.commands.executeCommand('eventyard.startReplay', row.node, { start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z', replayName: 'eb-backwards' })) as ReplayCommandResult;
    assert.equal(backwards.error, 'Eventyard: ValidationException: Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.');
    const none = (await vscode.commands.executeCommand('eventyard.startReplay', undefined, { archiveName: 'eb-none', replayName: 'eb-none' })) as ReplayCommandResult;
    assert.equal(none.error, 'Eventyard: There is no archive eb-none.');
  });
});
