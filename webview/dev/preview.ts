/**
 * Renders the inspector outside VS Code, against a real broker, for development and for the screenshots
 * under docs/screenshots/. The page is served with the panel's own HTML and CSP (so a CSP violation shows up
 * here too); acquireVsCodeApi is bridged to an InspectorSession in this process.
 *
 *   node scripts/build.mjs && npx tsx webview/dev/preview.ts [outDir]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Broker } from '../../src/broker/broker';
import { ActivityLog } from '../../src/extension/inspector/activity-log';
import { inspectorHtml } from '../../src/extension/inspector/html';
import { InspectorSession } from '../../src/extension/inspector/session';
import { NodeInvocationRunner } from '../../src/functions-runtime/node-runner';
import type { HostMessage, ResourceRef, WebviewMessage } from '../../src/inspector/protocol';
import { themes } from './themes';

const root = path.resolve(__dirname, '../..');
const ORIGIN = 'http://eventyard-preview.test';

export interface Preview {
  page: Page;
  close(): Promise<void>;
  violations: string[];
}

/** What answers the page: this process's InspectorSession by default, or another (a connection's RemoteInspectorSession). */
export type PreviewSession = (post: (m: HostMessage) => void) => { receive(m: WebviewMessage): Promise<void>; dispose(): void };

export async function openPreview(broker: Broker, activity: ActivityLog, resource: ResourceRef, theme: string, makeSession?: PreviewSession): Promise<Preview> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  const post = (m: HostMessage) => void page.evaluate((msg) => window.postMessage(msg, '*'), m).catch(() => undefined);
  const session = makeSession?.(post) ?? new InspectorSession({ broker, resource, activity, post, writeClipboard: () => undefined });
  await page.exposeBinding('__eyPost', (_source, m: WebviewMessage) => session.receive(m));
  // A string, not a function: tsx would wrap a function's inner names in helpers the page does not have.
  await page.addInitScript(`{
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__eyPost(m), getState: () => state, setState: (s) => (state = s) });
  }`);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') {
      const html = inspectorHtml(resource, { cspSource: ORIGIN, nonce: 'preview-nonce', scriptUri: `${ORIGIN}/dist/webview.js`, codiconCssUri: `${ORIGIN}/dist/codicons/codicon.css`, elkScriptUri: `${ORIGIN}/dist/elk.js` })
        .replace('</head>', `<link rel="stylesheet" href="${ORIGIN}/theme.css"></head>`)
        .replace('<body>', `<body class="vscode-${theme}">`);
      return route.fulfill({ contentType: 'text/html', body: html });
    }
    if (url.pathname === '/theme.css') return route.fulfill({ contentType: 'text/css', body: `:root { ${themes[theme]} }` });
    const file = path.join(root, url.pathname);
    if (!file.startsWith(path.join(root, 'dist'))) return route.fulfill({ status: 404 });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'font/ttf';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/`);
  return {
    page,
    violations,
    close: async () => {
      session.dispose();
      await browser.close();
    },
  };
}

async function seed(broker: Broker): Promise<void> {
  const op = broker.sqs.operations;
  const dlq = op.CreateQueue({ QueueName: 'orders-dlq' }).QueueUrl;
  const dlqArn = op.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
  const orders = op.CreateQueue({
    QueueName: 'orders',
    Attributes: { VisibilityTimeout: '20', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
  }).QueueUrl;
  for (let i = 0; i < 1200; i++) {
    op.SendMessage({
      QueueUrl: orders,
      MessageBody: JSON.stringify({ orderId: 1000 + i, customer: `c-${i % 37}`, items: [{ sku: `SKU-${i % 11}`, qty: 1 + (i % 3) }] }),
      MessageAttributes: { tenant: { DataType: 'String', StringValue: i % 2 ? 'acme' : 'globex' } },
    });
  }
  op.SendMessage({ QueueUrl: orders, MessageBody: '<img src=x onerror=alert(1)>' });
  op.SendMessage({ QueueUrl: orders, MessageBody: 'plain text body', DelaySeconds: 600 });
  await op.ReceiveMessage({ QueueUrl: orders, MaxNumberOfMessages: 3, VisibilityTimeout: 600 });
  await op.ReceiveMessage({ QueueUrl: orders, MaxNumberOfMessages: 2, VisibilityTimeout: 90 });
  // A second source whose messages fail twice and land in its dead-letter queue.
  const payments = op.CreateQueue({
    QueueName: 'payments',
    Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
  }).QueueUrl;
  for (let i = 0; i < 6; i++) op.SendMessage({ QueueUrl: payments, MessageBody: JSON.stringify({ paymentId: `p-${i}`, amount: 10 * i }) });
  for (let round = 0; round < 6; round++) await op.ReceiveMessage({ QueueUrl: payments, MaxNumberOfMessages: 10, VisibilityTimeout: 0 });

  const sns = broker.sns.operations;
  const { TopicArn } = sns.CreateTopic({ Name: 'order-events' });
  const ordersArn = op.GetQueueAttributes({ QueueUrl: orders, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
  sns.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: ordersArn, Attributes: { FilterPolicy: JSON.stringify({ eventType: ['order_placed'] }) } });
  sns.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: dlqArn, Attributes: { RawMessageDelivery: 'true' } });
  sns.Subscribe({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' });
  sns.Publish({ TopicArn, Message: '{"orderId":7}', MessageAttributes: { eventType: { DataType: 'String', StringValue: 'order_placed' } } });
  sns.Publish({ TopicArn, Message: '{"orderId":8}', MessageAttributes: { eventType: { DataType: 'String', StringValue: 'order_cancelled' } } });
  await new Promise((r) => setTimeout(r, 200));

  const kinesis = broker.kinesis.operations;
  kinesis.CreateStream({ StreamName: 'clicks', ShardCount: 2 });
  await new Promise((r) => setTimeout(r, 600));
  for (let i = 0; i < 40; i++) {
    kinesis.PutRecord({ StreamName: 'clicks', PartitionKey: `user-${i % 7}`, Data: new TextEncoder().encode(JSON.stringify({ page: `/p/${i}`, user: i % 7 })) });
  }
  const shards = broker.kinesis.listStreamSummaries().find((s) => s.name === 'clicks')!.shards;
  const first = shards[0];
  const middle = ((BigInt(first.startingHashKey) + BigInt(first.endingHashKey)) / 2n).toString();
  kinesis.SplitShard({ StreamName: 'clicks', ShardToSplit: first.shardId, NewStartingHashKey: middle });
  await new Promise((r) => setTimeout(r, 600));
  for (let i = 0; i < 10; i++) kinesis.PutRecord({ StreamName: 'clicks', PartitionKey: `user-${i}`, Data: new TextEncoder().encode(`after split ${i}`) });

  const fixtures = path.join(root, 'test/fixtures/functions');
  broker.functions.create({ name: 'process-order', module: path.join(fixtures, 'ok.cjs'), environment: { GREETING: 'hi' } });
  await broker.functions.invoke('process-order', { orderId: 1001, items: 2 });
  await broker.functions.invoke('process-order', { orderId: 1002, items: 1 });
  broker.functions.create({ name: 'reject-order', module: path.join(fixtures, 'throwing.cjs') });
  await broker.functions.invoke('reject-order', { orderId: 1003 });

  broker.firehose.operations.CreateDeliveryStream({
    DeliveryStreamName: 'click-archive',
    ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/f', BucketARN: 'arn:aws:s3:::archive', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
  });
  for (let i = 0; i < 5; i++) broker.firehose.operations.PutRecord({ DeliveryStreamName: 'click-archive', Record: { Data: new TextEncoder().encode(`click ${i}\n`) } });
  await broker.firehose.flushAll();
  for (let i = 0; i < 3; i++) broker.firehose.operations.PutRecord({ DeliveryStreamName: 'click-archive', Record: { Data: new TextEncoder().encode(`click ${i}\n`) } });

  // The bus's targets are queues of their own, so the other views' screenshots stay as they were.
  const queueArn = (name: string) =>
    op.GetQueueAttributes({ QueueUrl: op.CreateQueue({ QueueName: name }).QueueUrl, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
  const eb = broker.eventbridge.operations;
  eb.CreateEventBus({ Name: 'shop' });
  eb.PutRule({ Name: 'order-placed', EventBusName: 'shop', EventPattern: JSON.stringify({ source: ['com.example.shop'], 'detail-type': ['OrderPlaced'] }) });
  eb.PutTargets({ Rule: 'order-placed', EventBusName: 'shop', Targets: [{ Id: 'fulfilment', Arn: queueArn('fulfilment'), InputPath: '$.detail' }] });
  eb.PutRule({ Name: 'big-orders', EventBusName: 'shop', EventPattern: JSON.stringify({ source: ['com.example.shop'], detail: { total: [{ numeric: ['>=', 100] }] } }) });
  eb.PutTargets({ Rule: 'big-orders', EventBusName: 'shop', Targets: [{ Id: 'fraud-review', Arn: queueArn('fraud-review') }] });
  eb.PutRule({ Name: 'from-billing', EventBusName: 'shop', EventPattern: JSON.stringify({ source: [{ prefix: 'com.example.billing' }] }) });
  const put = (detailType: string, detail: object) =>
    eb.PutEvents({ Entries: [{ EventBusName: 'shop', Source: 'com.example.shop', DetailType: detailType, Detail: JSON.stringify(detail) }] });
  put('OrderPlaced', { orderId: 'o-1041', total: 250, currency: 'EUR' });
  put('OrderShipped', { orderId: 'o-1039', carrier: 'dhl' });
  put('OrderPlaced', { orderId: 'o-1042', total: 42.5, currency: 'EUR' });
  await broker.eventbridge.settled();
}

async function main() {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/screenshots'));
  fs.mkdirSync(out, { recursive: true });
  const buckets = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-preview-buckets-'));
  const broker = new Broker({ functionRunner: new NodeInvocationRunner(), firehose: { bucketsRoot: buckets } });
  const activity = new ActivityLog();
  broker.events.on((e) => activity.record(e));
  await seed(broker);
  const shots: { resource: ResourceRef; tab: string; name: string }[] = [
    { resource: { kind: 'queue', name: 'orders' }, tab: 'Messages', name: 'queue-messages' },
    { resource: { kind: 'queue', name: 'orders' }, tab: 'In flight', name: 'queue-in-flight' },
    { resource: { kind: 'queue', name: 'orders' }, tab: 'Send', name: 'queue-send' },
    { resource: { kind: 'queue', name: 'orders-dlq' }, tab: 'Dead letters', name: 'queue-dead-letters' },
    { resource: { kind: 'topic', name: 'order-events' }, tab: 'Subscriptions', name: 'topic-subscriptions' },
    { resource: { kind: 'topic', name: 'order-events' }, tab: 'Deliveries', name: 'topic-deliveries' },
    { resource: { kind: 'topic', name: 'order-events' }, tab: 'Outbox', name: 'topic-outbox' },
    { resource: { kind: 'stream', name: 'clicks' }, tab: '', name: 'stream' },
    { resource: { kind: 'deliveryStream', name: 'click-archive' }, tab: '', name: 'delivery-stream' },
    { resource: { kind: 'function', name: 'process-order' }, tab: '', name: 'function' },
    { resource: { kind: 'bus', name: 'shop' }, tab: 'Events', name: 'bus' },
    // The cancelled order's trace: published, dropped by the orders subscription's filter, delivered to the DLQ.
    { resource: { kind: 'trace', name: '"orderId":8' }, tab: '', name: 'trace' },
  ];
  const only = process.env.EVENTYARD_PREVIEW_ONLY;
  for (const theme of Object.keys(themes)) {
    // High contrast is checked on the busiest view only, to keep the folder small.
    const wanted = shots.filter((s) => (!only || s.name.startsWith(only)) && (theme !== 'high-contrast' || s.name === 'queue-messages'));
    for (const shot of wanted) {
      const p = await openPreview(broker, activity, shot.resource, theme);
      if (shot.tab) await p.page.getByRole('tab', { name: new RegExp(`^${shot.tab}`) }).click();
      if (shot.name === 'stream') {
        await p.page.locator('[data-testid="read"]').click();
        await p.page.getByRole('option').nth(2).click();
      }
      if (shot.tab === 'Messages') await p.page.getByRole('option').nth(1).click();
      // The newest event, expanded: each rule's verdict, the miss reasons and what the queue received.
      if (shot.name === 'bus') await p.page.locator('[data-testid="bus-event"] [role="button"]').first().click();
      await p.page.waitForTimeout(600);
      await p.page.screenshot({ path: path.join(out, `${shot.name}-${theme}.png`) });
      if (p.violations.length) console.error(`${shot.name}-${theme}:`, p.violations.join('\n'));
      await p.close();
    }
  }
  broker.dispose();
  fs.rmSync(buckets, { recursive: true, force: true });
  console.log(`screenshots in ${out}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
