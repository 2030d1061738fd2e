import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

const ROLE = 'arn:aws:iam::000000000000:role/vscode';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

/** The application's row and its children's rows in the Resources view, asked for as the view asks. */
async function applicationRows(a: EventyardApi, name: string): Promise<{ node: TreeNode; item: vscode.TreeItem; children: vscode.TreeItem[] } | undefined> {
  const group = (await a.tree.getChildren()).find((g) => g.kind === 'group' && g.group === 'analyticsApplications');
  if (!group) return undefined;
  const node = (await a.tree.getChildren(group)).find((n: TreeNode) => n.name === name);
  if (!node) return undefined;
  const children = await Promise.all((await a.tree.getChildren(node)).map((c) => a.tree.getTreeItem(c)));
  return { node, item: await a.tree.getTreeItem(node), children };
}

suite('extension: Kinesis Analytics applications', () => {
  test('the tree lists an application with its in-application streams and pumps; Start and Stop run it', async () => {
    const a = await api();
    const broker = a.broker!;
    const suffix = Date.now();
    const [input, output, app] = [`ka-clicks-${suffix}`, `ka-counts-${suffix}`, `ka-app-${suffix}`];
    broker.kinesis.operations.CreateStream({ StreamName: input, ShardCount: 1 });
    broker.kinesis.operations.CreateStream({ StreamName: output, ShardCount: 1 });
    broker.kinesisanalytics.operations.CreateApplication({
      ApplicationName: app,
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${input}`, RoleARN: ROLE },
          InputSchema: { RecordFormat: { RecordFormatType: 'JSON' }, RecordColumns: [{ Name: 'PAGE', Mapping: '$.page', SqlType: 'VARCHAR(32)' }] },
        },
      ],
      Outputs: [{ Name: 'PAGES', KinesisStreamsOutput: { ResourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${output}`, RoleARN: ROLE }, DestinationSchema: { RecordFormatType: 'JSON' } }],
      ApplicationCode: 'CREATE STREAM pages (page VARCHAR(32)); CREATE PUMP page_pump AS INSERT INTO pages SELECT STREAM UPPER(page) FROM SOURCE_SQL_STREAM_001;',
    });

    const stopped = (await eventually('the stopped application in the tree', () => applicationRows(a, app)))!;
    assert.equal(stopped.item.contextValue, 'analyticsApplication.stopped');
    assert.equal(stopped.item.description, 'stopped · 1 pump');
    assert.deepEqual(
      stopped.children.map((c) => [c.label, c.description]),
      [
        ['SOURCE_SQL_STREAM_001', 'input'],
        ['PAGES', 'stream'],
        ['error_stream', 'errors'],
        ['PAGE_PUMP', 'SOURCE_SQL_STREAM_001 → PAGES'],
      ],
    );

    const started = (await vscode.commands.executeCommand('eventyard.startAnalyticsApplication', stopped.node, { position: 'NOW' })) as { message?: string; error?: string };
    assert.equal(started.message, `started ${app} from NOW.`, started.error);
    broker.kinesis.operations.PutRecord({ StreamName: input, Data: Buffer.from('{"page":"/home"}'), PartitionKey: 'p' });
    const running = (await eventually('the running application with its rows counted', async () => {
      const rows = await applicationRows(a, app);
      return rows?.item.contextValue === 'analyticsApplication.running' && rows.children[1].description === 'stream · 1 row' ? rows : undefined;
    }))!;
    assert.equal(running.item.description, 'running · 1 pump');
    assert.equal(running.children[0].description, 'input · 1 row');
    const it = broker.kinesis.operations.GetShardIterator({ StreamName: output, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator!;
    assert.deepEqual(broker.kinesis.operations.GetRecords({ ShardIterator: it }).Records.map((r) => Buffer.from(r.Data).toString()), ['{"PAGE":"/HOME"}']);

    const halted = (await vscode.commands.executeCommand('eventyard.stopAnalyticsApplication', running.node)) as { message?: string; error?: string };
    assert.equal(halted.message, `stopped ${app}; LAST_STOPPED_POINT resumes where it stopped reading.`, halted.error);
    await eventually('the stopped application again', async () => (await applicationRows(a, app))?.item.contextValue === 'analyticsApplication.stopped');
    broker.kinesisanalytics.operations.DeleteApplication({ ApplicationName: app, CreateTimestamp: broker.kinesisanalytics.operations.DescribeApplication({ ApplicationName: app }).ApplicationDetail.CreateTimestamp });
  });
});
