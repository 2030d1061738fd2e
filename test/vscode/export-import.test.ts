import assert from 'node:assert/strict';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as vscode from 'vscode';
import type { ImportResult } from '../../src/recording/transfer';
import { activatedExtension, endpointUrl, EXTENSION_ID } from './support';

/** Export Messages… and Import Messages… as the tree's context menu runs them, on the window's own broker. */
suite('extension: export and import messages', () => {
  const written: vscode.Uri[] = [];
  const config = () => ({ endpoint: endpointUrl(), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const fileNamed = (name: string) => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
    written.push(uri);
    return uri.fsPath;
  };

  suiteTeardown(async () => {
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('are on the queue, topic and stream rows and in the palette', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string; when?: string }[]> } };
    const titles = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(titles['eventyard.exportMessages'], 'Export Messages…');
    assert.equal(titles['eventyard.importMessages'], 'Import Messages…');
    for (const id of ['eventyard.exportMessages', 'eventyard.importMessages']) {
      const when = pkg.contributes.menus['view/item/context'].find((m) => m.command === id)!.when!;
      const pattern = new RegExp(/viewItem =~ \/(.*)\/$/.exec(when)![1]);
      for (const row of ['queue', 'queue.dlq', 'topic', 'stream']) assert.match(row, pattern, `${id} on ${row}`);
      for (const row of ['subscription', 'shard.open', 'streamX', 'deliveryStream']) assert.doesNotMatch(row, pattern, `${id} not on ${row}`);
      assert.ok(!pkg.contributes.menus.commandPalette.some((m) => m.command === id && m.when === 'false'), `${id} is in the palette`);
    }
  });

  test('a FIFO queue goes out as CSV without being received and comes back with attributes, groups and deduplication ids', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    const sqs = new SQSClient(config());
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'x-orders.fifo', Attributes: { FifoQueue: 'true' } }));
      await sqs.send(new CreateQueueCommand({ QueueName: 'x-orders-copy.fifo', Attributes: { FifoQueue: 'true' } }));
      const bodies = ['{"order":1,"note":"a, b"}', 'two\nlines "quoted"'];
      for (const [i, body] of bodies.entries()) {
        await sqs.send(new SendMessageCommand({
          QueueUrl, MessageBody: body, MessageGroupId: `g${i}`, MessageDeduplicationId: `d${i}`,
          MessageAttributes: { kind: { DataType: 'String', StringValue: 'k' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from([i, 255]) } },
        }));
      }
      const file = fileNamed('x-orders.csv');
      const exported = await vscode.commands.executeCommand<{ file: string; count: number }>('eventyard.exportMessages', { kind: 'queue', name: 'x-orders.fifo' }, { file, format: 'csv' });
      assert.equal(exported.count, 2);
      const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
      assert.match(text, /^messageId,timestamp,.*,body\r\n/);
      assert.deepEqual(broker.sqs.peek('x-orders.fifo').messages.map((m) => [m.state, m.receiveCount]), [['visible', 0], ['visible', 0]]);

      const result = await vscode.commands.executeCommand<ImportResult>('eventyard.importMessages', { kind: 'queue', name: 'x-orders-copy.fifo' }, { file });
      assert.equal(result.sent, 2);
      const copied = broker.sqs.peek('x-orders-copy.fifo').messages;
      assert.deepEqual(copied.map((m) => [m.body, m.messageGroupId, m.messageDeduplicationId, m.messageAttributes?.kind.StringValue, Buffer.from(m.messageAttributes!.raw.BinaryValue!).toString('hex')]),
        bodies.map((b, i) => [b, `g${i}`, `d${i}`, 'k', `0${i}ff`]));
    } finally {
      sqs.destroy();
    }
  });

  test('a stream\'s records and a topic\'s outbox go out as NDJSON and into another stream and topic', async () => {
    const broker = (await activatedExtension()).exports.broker!;
    const kinesis = new KinesisClient(config());
    const sns = new SNSClient(config());
    try {
      for (const name of ['x-clicks', 'x-clicks-copy']) await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'x-clicks', PartitionKey: 'u1', Data: Buffer.from('{"page":"/"}') }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'x-clicks', PartitionKey: 'u2', Data: Buffer.from([0xff, 0]) }));
      const records = fileNamed('x-clicks.ndjson');
      await vscode.commands.executeCommand('eventyard.exportMessages', { kind: 'stream', name: 'x-clicks' }, { file: records, format: 'json' });
      await vscode.commands.executeCommand('eventyard.importMessages', { kind: 'stream', name: 'x-clicks-copy' }, { file: records });
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'x-clicks-copy', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      assert.deepEqual(Records.map((r) => [r.PartitionKey, Buffer.from(r.Data!).toString('hex')]), [['u1', Buffer.from('{"page":"/"}').toString('hex')], ['u2', 'ff00']]);

      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'x-alerts' }));
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15550003333' }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'disk full' }));
      const { TopicArn: copy } = await sns.send(new CreateTopicCommand({ Name: 'x-alerts-copy' }));
      broker.sqs.operations.CreateQueue({ QueueName: 'x-alerts-inbox' });
      await sns.send(new SubscribeCommand({ TopicArn: copy, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:x-alerts-inbox', Attributes: { RawMessageDelivery: 'true' } }));
      const outbox = fileNamed('x-alerts.ndjson');
      await vscode.commands.executeCommand('eventyard.exportMessages', { kind: 'topic', name: 'x-alerts' }, { file: outbox, format: 'json' });
      const result = await vscode.commands.executeCommand<ImportResult>('eventyard.importMessages', { kind: 'topic', name: 'x-alerts-copy' }, { file: outbox });
      assert.equal(result.sent, 1);
      assert.deepEqual(broker.sqs.peek('x-alerts-inbox').messages.map((m) => m.body), ['disk full']);
    } finally {
      kinesis.destroy();
      sns.destroy();
    }
  });
});
