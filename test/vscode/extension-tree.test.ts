import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EventyardApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/resources-tree';
import { activatedExtension, eventually } from './support';

async function api(): Promise<EventyardApi> {
  return (await activatedExtension()).exports as unknown as EventyardApi;
}

/** The rows of the Resources view as the view itself asks for them: the Queues group's children. */
async function queueRows(a: EventyardApi): Promise<{ node: TreeNode; item: vscode.TreeItem }[]> {
  const groups = await a.tree.getChildren();
  const queues = groups.find((g) => g.kind === 'group' && g.group === 'queues');
  assert.ok(queues, 'the tree has a Queues group');
  return (await a.tree.getChildren(queues)).map((node) => ({ node, item: a.tree.getTreeItem(node) }));
}

suite('extension: the Resources tree', () => {
  test('shows a queue with its visible / in-flight / delayed counts', async () => {
    const a = await api();
    const broker = a.broker!;
    const name = `tree-counts-${Date.now()}`;
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: name });
    for (let i = 0; i < 3; i++) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: `m${i}` });
    broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'later', DelaySeconds: 900 });
    await broker.sqs.operations.ReceiveMessage({ QueueUrl, MaxNumberOfMessages: 1 });
    const row = (await queueRows(a)).find((r) => r.node.name === name);
    assert.ok(row, `${name} is in the tree`);
    assert.equal(row.item.description, '2 visible · 1 in flight · 1 delayed');
    assert.equal(row.item.contextValue, 'queue');
    assert.deepEqual(row.item.command?.arguments, [{ kind: 'queue', name }], 'a click opens the inspector on the queue');
  });

  test('a burst of 3,000 sends redraws the tree a few times, not 3,000', async () => {
    const a = await api();
    const broker = a.broker!;
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: `tree-burst-${Date.now()}` });
    await new Promise((r) => setTimeout(r, 400));
    let redraws = 0;
    const sub = a.tree.onDidChangeTreeData(() => redraws++);
    try {
      for (let i = 0; i < 3000; i++) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: `burst ${i}` });
      await new Promise((r) => setTimeout(r, 700));
      assert.ok(redraws >= 1 && redraws <= 3, `redrew ${redraws} times`);
    } finally {
      sub.dispose();
    }
  });

  test('marks a dead-letter queue, shows it under its source, and redrive moves its messages back', async () => {
    const a = await api();
    const broker = a.broker!;
    const ops = broker.sqs.operations;
    const stamp = Date.now();
    const { QueueUrl: dlqUrl } = ops.CreateQueue({ QueueName: `tree-dlq-${stamp}` });
    const { QueueUrl: sourceUrl } = ops.CreateQueue({
      QueueName: `tree-src-${stamp}`,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: broker.sqs.queueArn(`tree-dlq-${stamp}`), maxReceiveCount: 2 }) },
    });
    ops.SendMessage({ QueueUrl: sourceUrl, MessageBody: 'fails every time' });
    // a consumer that never deletes: the third receive finds maxReceiveCount passed and dead-letters it
    for (let i = 0; i < 3; i++) await ops.ReceiveMessage({ QueueUrl: sourceUrl, VisibilityTimeout: 0 });
    assert.equal(broker.sqs.peek(`tree-dlq-${stamp}`).total, 1, 'the message is in the dead-letter queue');
    assert.ok(dlqUrl);
    const rows = await queueRows(a);
    const source = rows.find((r) => r.node.name === `tree-src-${stamp}`)!;
    const dlq = rows.find((r) => r.node.name === `tree-dlq-${stamp}`)!;
    assert.equal(dlq.item.contextValue, 'queue.dlq');
    assert.match(String(dlq.item.description), new RegExp(`^1 visible · DLQ of tree-src-${stamp}$`));
    assert.equal(source.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const [nested] = await a.tree.getChildren(source.node);
    assert.equal(nested.name, `tree-dlq-${stamp}`);
    assert.match(String(a.tree.getTreeItem(nested).description), /^1 visible · DLQ after 2 receives$/);

    await vscode.commands.executeCommand('eventyard.redriveQueue', dlq.node);
    await eventually('the message back in its source queue', () =>
      broker.sqs.listQueueSummaries().find((q) => q.url === sourceUrl)?.visible === 1);
  });

  test('topics list their subscriptions with protocol, endpoint, state and filter', async () => {
    const a = await api();
    const broker = a.broker!;
    const name = `tree-topic-${Date.now()}`;
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: `${name}-q` });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: name });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: broker.sqs.queueArn(`${name}-q`), Attributes: { FilterPolicy: '{"type":["order"]}' } });
    assert.ok(QueueUrl);
    const groups = await a.tree.getChildren();
    const topics = await a.tree.getChildren(groups.find((g) => g.kind === 'group' && g.group === 'topics'));
    const topic = topics.find((t) => t.name === name)!;
    const [subscription] = await a.tree.getChildren(topic);
    const item = a.tree.getTreeItem(subscription);
    assert.equal(item.label, `sqs: ${broker.sqs.queueArn(`${name}-q`)}`);
    assert.equal(item.description, 'confirmed · filter on attributes: {"type":["order"]}');
  });
});
