import path from 'node:path';
import type { Locator } from 'playwright-core';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;
const shot = async (name: string) => {
  if (results) await workbench.screenshot(path.join(results, name));
};

const answer = (prompt: string, value: string): Promise<void> => workbench.answerPrompt(prompt, value);

const run = (title: string): Promise<void> => workbench.runExactCommand(title);

/** Waits for a tree row of the Resources view (expanding and scrolling the tree). */
const seeRow = (row: Locator, timeoutMs?: number): Promise<void> => workbench.seeTreeRow('Resources', row, timeoutMs);

describe('topics and streams from the palette', () => {
  const stamp = Date.now();

  it('creates a topic and subscribes a queue with a filter policy', async () => {
    const topic = `e2e-fanout-${stamp}`;
    const queue = `e2e-billing-${stamp}`;
    await workbench.showContainer('Eventyard');
    await run('Eventyard: Create Queue');
    await answer('Queue type', 'Standard');
    await answer('Queue name', queue);
    await answer('Visibility timeout', '30');
    await answer('Delivery delay', '0');
    await answer('Dead-letter queue', 'No dead-letter queue');
    await workbench.notification(`created queue ${queue}`).waitFor({ timeout: 15000 });
    await run('Eventyard: Create Topic');
    await answer('Topic type', 'Standard');
    await answer('Topic name', topic);
    await workbench.notification(`created topic arn:aws:sns:us-east-1:000000000000:${topic}`).waitFor({ timeout: 15000 });

    await run('Eventyard: Create Subscription');
    await answer('Choose a topic', topic);
    await answer('Protocol', 'sqs');
    await answer('Choose a queue', queue);
    await answer('Filter policy', '{"type": ["order"]}');
    await answer('Raw message delivery', 'No');
    await workbench.notification(`subscribed sqs`).waitFor({ timeout: 15000 });
    await seeRow(workbench.treeItem('Resources', new RegExp(`^sqs: arn:aws:sqs:us-east-1:000000000000:${queue}`))
      .filter({ hasText: 'filter on attributes: {"type":["order"]}' }));
    await shot('tree-topic-subscription.png');
  });

  it('creates a stream, then splits a shard: the parent closes and two children open', async () => {
    const stream = `e2e-clickstream-${stamp}`;
    await run('Eventyard: Create Stream');
    await answer('Stream name', stream);
    await answer('Shard count', '2');
    await workbench.notification(`created stream ${stream} with 2 shards`).waitFor({ timeout: 15000 });
    await seeRow(workbench.treeItem('Resources', new RegExp(`^${stream}`)).filter({ hasText: '2 open shards' }));

    await run('Eventyard: Split Shard');
    await answer('Choose a stream', stream);
    await answer('Shard to split', 'shardId-000000000000');
    // the middle of shard 0's range (the lower half of the 128-bit key space), which the prompt proposes
    await answer('NewStartingHashKey', (2n ** 126n).toString());
    await workbench.notification('split shardId-000000000000').waitFor({ timeout: 15000 });
    await seeRow(workbench.treeItem('Resources', new RegExp(`^${stream}`)).filter({ hasText: '3 open shards' }));
    // the shards are at the end of a tree that earlier tests made long: show only this stream's rows
    await workbench.openTreePath('Resources', [/^Streams\b/, new RegExp(`^${stream}`)]);
    await workbench.treeItem('Resources', /^shardId-000000000002/).filter({ hasText: 'child of shardId-000000000000' }).first().waitFor({ timeout: 15000 });
    await shot('tree-stream-split.png');
  });
});
