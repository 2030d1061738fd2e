import * as vscode from 'vscode';
import { Cancelled, describeError } from '../commands/ui';
import type { QueueSummary, StreamSummaryView, TopicSummary, DeliveryStreamSummaryView } from '../client/snapshot';
import type { ResourceNode } from '../tree/nodes';
import { isConnectionNode } from './connection-nodes';
import { AWS_REGIONS, isEndpointUrl, REGION, type ConnectionSpec, type EndpointSetting } from './connection-spec';
import { ConnectionError } from './connection-errors';
import type { Connections } from './connections';
import { confirmByName } from './typed-confirmation';
import { showPolledMessages, type PolledMessage } from './poll-view';

/** Answers a connection command may be given instead of asking (scripts, keybindings, the extension-host tests). */
export interface ConnectionCommandArgs {
  name?: string;
  endpoint?: string;
  profile?: string;
  region?: string;
  /** The resource's name, typed for a destructive action. */
  confirm?: string;
  /** Poll: seconds the received messages stay hidden; how many to receive (1 to 10). */
  visibilityTimeout?: number;
  maxMessages?: number;
  /** Send, publish, put: the body or data as text. */
  body?: string;
  partitionKey?: string;
  /** Reshard: the new number of open shards. */
  shardCount?: number;
}

/** What a connection command told the user, for the tests and scripts that run it. */
export interface ConnectionCommandResult {
  message?: string;
  error?: string;
  messages?: PolledMessage[];
  details?: unknown;
}

type Run = (node: unknown, args: ConnectionCommandArgs) => Promise<ConnectionCommandResult | undefined>;

function register(id: string, run: Run): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (node?: unknown, args?: ConnectionCommandArgs): Promise<ConnectionCommandResult | undefined> => {
    try {
      const result = await run(node, args ?? {});
      if (result?.message) void vscode.window.showInformationMessage(`Eventyard: ${result.message}`);
      return result;
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      const error = describeError(e);
      void vscode.window.showErrorMessage(error);
      return { error };
    }
  });
}

async function ask(prompt: string, given: string | undefined, check: (v: string) => string | undefined, value = ''): Promise<string> {
  const answer = given ?? (await vscode.window.showInputBox({ title: 'Eventyard', prompt, value, ignoreFocusOut: true, validateInput: (v) => (v === '' && value === '' ? undefined : check(v)) }));
  if (answer === undefined) throw new Cancelled();
  const problem = check(answer);
  if (problem) throw new ConnectionError('InvalidInput', problem);
  return answer;
}

/**
 * The commands of connections: add and remove an endpoint, pick a region, enable writes, mark production;
 * and on a connection's resources the actions the AWS API allows (poll, send, purge, delete, redrive,
 * publish, put, reshard, details). Changes need writes enabled; destructive ones also the name typed.
 */
export function registerConnectionCommands(connections: Connections, refresh: () => void): vscode.Disposable[] {
  const connectionOf = (node: unknown): ConnectionSpec => {
    if (!isConnectionNode(node)) throw new ConnectionError('NoConnection', 'Run this on a connection\'s row in the Resources tree.');
    return connections.get(node.connection);
  };
  const resourceOf = <K extends ResourceNode['kind']>(node: unknown, ...kinds: K[]) => {
    if (!isConnectionNode(node) || node.kind !== 'aws.resource' || !(kinds as string[]).includes(node.node.kind)) {
      throw new ConnectionError('NoResource', 'Run this on a resource of a connection in the Resources tree.');
    }
    return { spec: connections.get(node.connection), inner: node.node as Extract<ResourceNode, { kind: K }> };
  };
  /** After a change: read the connection again so the tree shows it. */
  const reread = async (spec: ConnectionSpec) => {
    await connections.connect(spec).catch(() => undefined);
    refresh();
  };

  return [
    register('eventyard.addConnection', async (_node, args) => {
      const endpoint = await ask('Endpoint URL of an AWS-compatible service (another Eventyard, LocalStack, ElasticMQ, fauxqs, kinesalite, moto)', args.endpoint, (v) => (isEndpointUrl(v) ? undefined : 'An http:// or https:// URL, like http://localhost:4566.'), 'http://localhost:4566');
      const name = await ask('A name for the connection', args.name, (v) => (v.trim() ? undefined : 'Give the connection a name.'), new URL(endpoint).host);
      let profile = args.profile;
      if (profile === undefined && args.endpoint === undefined) {
        const profiles = connections.list().filter((c) => c.kind === 'profile').map((c) => c.name);
        const chosen = await vscode.window.showQuickPick([{ label: 'No profile', description: 'sign with the test keys local emulators accept', profile: '' }, ...profiles.map((p) => ({ label: p, description: 'profile', profile: p }))], { title: 'Eventyard: sign requests as', ignoreFocusOut: true });
        if (!chosen) throw new Cancelled();
        profile = chosen.profile;
      }
      const region = await ask('Region', args.region ?? (args.endpoint !== undefined ? 'us-east-1' : undefined), (v) => (REGION.test(v) ? undefined : 'A region like us-east-1.'), 'us-east-1');
      const entry: EndpointSetting = { name: name.trim(), endpoint, region, ...(profile ? { profile } : {}) };
      await connections.addEndpoint(entry);
      return { message: `added connection ${entry.name} (${endpoint}); it is read-only until you enable writes.` };
    }),

    register('eventyard.removeConnection', async (node) => {
      const spec = connectionOf(node);
      if (spec.kind !== 'endpoint') throw new ConnectionError('ProfileConnection', `${spec.name} is a profile of your AWS config files; remove it there (Eventyard only reads them).`);
      await connections.removeEndpoint(spec);
      return { message: `removed connection ${spec.name}.` };
    }),

    register('eventyard.chooseConnectionRegion', async (node, args) => {
      const spec = connectionOf(node);
      let region = args.region;
      if (region === undefined) {
        const current = connections.region(spec);
        const chosen = await vscode.window.showQuickPick([current, ...AWS_REGIONS.filter((r) => r !== current)].map((r) => ({ label: r, description: r === current ? 'current' : '' })), { title: `Eventyard: region of ${spec.name}`, ignoreFocusOut: true });
        if (!chosen) throw new Cancelled();
        region = chosen.label;
      }
      if (!REGION.test(region)) throw new ConnectionError('InvalidInput', `${region} is not a region name (like us-east-1).`);
      await connections.setRegion(spec, region);
      return { message: `${spec.name} now shows ${region}.` };
    }),

    register('eventyard.enableConnectionWrites', async (node) => {
      const spec = connectionOf(node);
      if (connections.isProduction(spec)) {
        const ok = await vscode.window.showWarningMessage(`Enable writes on ${spec.name}? It is marked production.`, { modal: true, detail: 'Send, delete, purge, redrive and reshard will change real resources (destructive ones still ask for the name).' }, 'Enable Writes');
        if (ok !== 'Enable Writes') return undefined;
      }
      connections.setWritable(spec, true);
      return { message: `writes enabled on ${spec.name} for this window.` };
    }),
    register('eventyard.disableConnectionWrites', async (node) => {
      const spec = connectionOf(node);
      connections.setWritable(spec, false);
      return { message: `${spec.name} is read-only again.` };
    }),
    register('eventyard.markConnectionProduction', async (node) => {
      const spec = connectionOf(node);
      await connections.setProduction(spec, true);
      return { message: `${spec.name} is marked production.` };
    }),
    register('eventyard.unmarkConnectionProduction', async (node) => {
      const spec = connectionOf(node);
      if (spec.production) throw new ConnectionError('ProductionSetting', `${spec.name} is marked production in the eventyard.connections setting; change it there.`);
      await connections.setProduction(spec, false);
      return { message: `${spec.name} is no longer marked production.` };
    }),
    register('eventyard.refreshConnection', async (node) => {
      await connections.reload();
      if (isConnectionNode(node)) await reread(connections.get(node.connection));
      refresh();
      return undefined;
    }),

    // --- SQS ---
    register('eventyard.connection.pollQueue', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'queue');
      const queue: QueueSummary = inner.queue;
      const dlqWarning = queue.deadLetterTargetName ? ` After ${queue.maxReceiveCount} receives a message moves to ${queue.deadLetterTargetName}.` : '';
      const timeout = Number(await ask(`Poll receives messages: each one's receive count rises and it is hidden from consumers for this many seconds (0 to 43200).${dlqWarning}`, args.visibilityTimeout?.toString(), (v) => (/^\d+$/.test(v) && Number(v) <= 43200 ? undefined : 'Seconds from 0 to 43200.'), '10'));
      const max = Math.min(10, Math.max(1, args.maxMessages ?? 10));
      const client = connections.client(spec);
      const { Messages = [] } = await client.sqs('ReceiveMessage', { QueueUrl: queue.url, MaxNumberOfMessages: max, VisibilityTimeout: timeout, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] });
      const receivedAt = Date.now();
      const messages: PolledMessage[] = Messages.map((m) => ({
        messageId: m.MessageId,
        body: m.Body,
        receiptHandle: m.ReceiptHandle,
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
        visibleAgainAt: receivedAt + timeout * 1000,
      }));
      showPolledMessages({
        title: `${connections.isProduction(spec) ? 'PRODUCTION · ' : ''}${queue.name} on ${spec.name}`,
        messages,
        deleteMessage: async (m) => {
          const writable = connections.requireWritable(spec);
          await writable.sqs('DeleteMessage', { QueueUrl: queue.url, ReceiptHandle: m.receiptHandle });
          void reread(spec);
        },
      });
      void reread(spec);
      return {
        message: messages.length
          ? `received ${messages.length} message${messages.length === 1 ? '' : 's'} of ${queue.name}; their receive counts rose and they are hidden for ${timeout} s.`
          : `${queue.name} had no visible message.`,
        messages: messages.map((m) => ({ ...m, receiptHandle: '' })),
      };
    }),

    register('eventyard.connection.sendMessage', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'queue');
      const client = connections.requireWritable(spec);
      const body = await ask(`Message body to send to ${inner.name}`, args.body, (v) => (v ? undefined : 'A message body is at least one character.'));
      const fifo = inner.queue.fifo ? { MessageGroupId: 'eventyard', MessageDeduplicationId: `${Date.now()}-${Math.random().toString(36).slice(2)}` } : {};
      const { MessageId } = await client.sqs('SendMessage', { QueueUrl: inner.queue.url, MessageBody: body, ...fifo });
      await reread(spec);
      return { message: `sent message ${MessageId} to ${inner.name} on ${spec.name}.` };
    }),

    register('eventyard.connection.purgeQueue', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'queue');
      const client = connections.requireWritable(spec);
      await confirmByName('Purge queue', inner.name, spec.name, args.confirm);
      await client.sqs('PurgeQueue', { QueueUrl: inner.queue.url });
      await reread(spec);
      return { message: `purged ${inner.name} on ${spec.name} (AWS may take up to 60 s to finish a purge).` };
    }),

    register('eventyard.connection.deleteQueue', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'queue');
      const client = connections.requireWritable(spec);
      await confirmByName('Delete queue', inner.name, spec.name, args.confirm);
      await client.sqs('DeleteQueue', { QueueUrl: inner.queue.url });
      await reread(spec);
      return { message: `deleted queue ${inner.name} on ${spec.name}.` };
    }),

    register('eventyard.connection.redriveQueue', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'queue');
      const client = connections.requireWritable(spec);
      if (!inner.queue.sourceQueueNames.length) throw new ConnectionError('NotDeadLetterQueue', `${inner.name} is no queue's dead-letter queue: there is nowhere to redrive its messages.`);
      await confirmByName('Redrive messages', inner.name, spec.name, args.confirm);
      const { TaskHandle } = await client.sqs('StartMessageMoveTask', { SourceArn: inner.queue.arn });
      // StartMessageMoveTask runs on the server; its progress is read from ListMessageMoveTasks until it ends
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Redriving ${inner.name} on ${spec.name}`, cancellable: false }, async (progress) => {
        const deadline = Date.now() + 120_000;
        for (;;) {
          const { Results = [] } = await client.sqs('ListMessageMoveTasks', { SourceArn: inner.queue.arn, MaxResults: 10 });
          const task = Results.find((t) => t.TaskHandle === TaskHandle) ?? Results[0];
          if (task) progress.report({ message: `${task.ApproximateNumberOfMessagesMoved}${task.ApproximateNumberOfMessagesToMove !== undefined ? ` of ${task.ApproximateNumberOfMessagesToMove}` : ''} moved · ${task.Status.toLowerCase()}` });
          if (!task || task.Status !== 'RUNNING' || Date.now() > deadline) return task;
          await new Promise((r) => setTimeout(r, 1000));
        }
      });
      await reread(spec);
      if (result?.Status === 'FAILED') throw new ConnectionError('MoveTaskFailed', `The redrive of ${inner.name} failed: ${result.FailureReason ?? 'no reason given'}.`);
      return { message: `redrive of ${inner.name} ${result?.Status === 'RUNNING' ? 'is still running' : (result?.Status ?? 'started').toLowerCase()}: ${result?.ApproximateNumberOfMessagesMoved ?? 0} messages moved back to ${inner.queue.sourceQueueNames.join(', ')}.` };
    }),

    // --- SNS, Kinesis, Firehose ---
    register('eventyard.connection.publish', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'topic');
      const client = connections.requireWritable(spec);
      const topic: TopicSummary = inner.topic;
      const body = await ask(`Message to publish to ${topic.name}`, args.body, (v) => (v ? undefined : 'A message is at least one character.'));
      const fifo = topic.fifo ? { MessageGroupId: 'eventyard', MessageDeduplicationId: `${Date.now()}-${Math.random().toString(36).slice(2)}` } : {};
      const { MessageId } = await client.sns('Publish', { TopicArn: topic.arn, Message: body, ...fifo });
      return { message: `published ${MessageId} to ${topic.name} on ${spec.name}; what reached each subscriber is not visible from here (AWS keeps no outbox of deliveries).` };
    }),

    register('eventyard.connection.putRecord', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'stream');
      const client = connections.requireWritable(spec);
      const stream: StreamSummaryView = inner.stream;
      const data = await ask(`Record data to put on ${stream.name}`, args.body, (v) => (v ? undefined : 'Record data is at least one byte.'));
      const partitionKey = await ask('Partition key', args.partitionKey ?? (args.body !== undefined ? 'eventyard' : undefined), (v) => (v.length >= 1 && v.length <= 256 ? undefined : 'A partition key is 1 to 256 characters.'), 'eventyard');
      const { ShardId, SequenceNumber } = await client.kinesis('PutRecord', { StreamName: stream.name, Data: new TextEncoder().encode(data), PartitionKey: partitionKey });
      return { message: `put a record on ${stream.name} (${ShardId}, sequence ${SequenceNumber}).` };
    }),

    register('eventyard.connection.reshard', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'stream');
      const client = connections.requireWritable(spec);
      const open = inner.stream.shards.filter((s) => s.open).length;
      const count = Number(await ask(`Open shards for ${inner.name} (now ${open}); UpdateShardCount splits or merges evenly`, args.shardCount?.toString(), (v) => (/^\d+$/.test(v) && Number(v) >= 1 ? undefined : 'A whole number of shards, at least 1.'), String(open * 2)));
      await confirmByName('Reshard stream', inner.name, spec.name, args.confirm);
      await client.kinesis('UpdateShardCount', { StreamName: inner.name, TargetShardCount: count, ScalingType: 'UNIFORM_SCALING' });
      await reread(spec);
      return { message: `resharding ${inner.name} from ${open} to ${count} open shards; the parents stay readable until their records expire.` };
    }),

    register('eventyard.connection.readRecords', async (node) => {
      const { spec, inner } = resourceOf(node, 'stream', 'shard');
      const stream = inner.stream;
      // a shard row reads that shard; a stream row every shard, parents first, as the lineage runs
      const shards = inner.kind === 'shard' ? [inner.shard] : stream.shards;
      const records = await readRecords(connections.client(spec), stream.name, shards.map((s) => s.shardId));
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(records, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return { message: `read ${records.length} record${records.length === 1 ? '' : 's'} of ${inner.kind === 'shard' ? inner.name : stream.name} from the oldest kept (GetRecords changes nothing).`, details: records };
    }),

    register('eventyard.connection.putDeliveryRecord', async (node, args) => {
      const { spec, inner } = resourceOf(node, 'deliveryStream');
      const client = connections.requireWritable(spec);
      const d: DeliveryStreamSummaryView = inner.deliveryStream;
      const data = await ask(`Record to put on ${d.name}`, args.body, (v) => (v ? undefined : 'A record is at least one byte.'));
      const { RecordId } = await client.firehose('PutRecord', { DeliveryStreamName: d.name, Record: { Data: new TextEncoder().encode(data) } });
      return { message: `put record ${RecordId.slice(0, 12)}… on ${d.name}.` };
    }),

    register('eventyard.connection.showDetails', async (node) => {
      const { spec, inner } = resourceOf(node, 'queue', 'topic', 'stream', 'deliveryStream');
      const details = await resourceDetails(connections, spec, inner);
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(details, null, 2) });
      await vscode.window.showTextDocument(doc, { preview: true });
      return { details };
    }),
  ];
}

/** Most records read per shard, and GetRecords calls spent finding them (a shard's start may hold none). */
const RECORDS_PER_SHARD = 100;
const CALLS_PER_SHARD = 5;

/**
 * The oldest records each shard keeps (TRIM_HORIZON), up to RECORDS_PER_SHARD: data as UTF-8 text when it
 * is text, else base64, so binary never reaches the editor as garbage.
 */
async function readRecords(client: ReturnType<Connections['client']>, streamName: string, shardIds: string[]) {
  const out: { ShardId: string; SequenceNumber: string; PartitionKey: string; ApproximateArrivalTimestamp: string; Data: string; DataEncoding: 'utf-8' | 'base64' }[] = [];
  for (const ShardId of shardIds) {
    let iterator: string | undefined = (await client.kinesis('GetShardIterator', { StreamName: streamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
    let read = 0;
    for (let call = 0; call < CALLS_PER_SHARD && iterator && read < RECORDS_PER_SHARD; call++) {
      const page: { Records: { SequenceNumber: string; PartitionKey: string; ApproximateArrivalTimestamp: Date; Data: Uint8Array }[]; NextShardIterator?: string; MillisBehindLatest: number } = await client.kinesis('GetRecords', { ShardIterator: iterator, Limit: RECORDS_PER_SHARD - read });
      for (const r of page.Records) {
        const bytes = Buffer.from(r.Data);
        const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        const isText = !text.includes('\uFFFD');
        out.push({ ShardId, SequenceNumber: r.SequenceNumber, PartitionKey: r.PartitionKey, ApproximateArrivalTimestamp: new Date(r.ApproximateArrivalTimestamp).toISOString(), Data: isText ? text : bytes.toString('base64'), DataEncoding: isText ? 'utf-8' : 'base64' });
      }
      read += page.Records.length;
      if (page.MillisBehindLatest === 0 && page.Records.length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}

/** A resource's attributes and tags as the API gives them (read-only; the document is never saved back). */
async function resourceDetails(connections: Connections, spec: ConnectionSpec, inner: ResourceNode): Promise<unknown> {
  const client = connections.client(spec);
  switch (inner.kind) {
    case 'queue': {
      const [{ Attributes }, { Tags }] = await Promise.all([
        client.sqs('GetQueueAttributes', { QueueUrl: inner.queue.url, AttributeNames: ['All'] }),
        client.sqs('ListQueueTags', { QueueUrl: inner.queue.url }),
      ]);
      return { QueueUrl: inner.queue.url, Attributes, Tags: Tags ?? {} };
    }
    case 'topic': {
      const [{ Attributes }, { Tags }] = await Promise.all([
        client.sns('GetTopicAttributes', { TopicArn: inner.topic.arn }),
        client.sns('ListTagsForResource', { ResourceArn: inner.topic.arn }),
      ]);
      return { TopicArn: inner.topic.arn, Attributes, Tags, Subscriptions: inner.topic.subscriptions };
    }
    case 'stream': {
      const [{ StreamDescriptionSummary }, { Tags }] = await Promise.all([
        client.kinesis('DescribeStreamSummary', { StreamName: inner.name }),
        client.kinesis('ListTagsForStream', { StreamName: inner.name }),
      ]);
      // the shards with their lineage: each child names its parent (and adjacent parent after a merge)
      return { ...StreamDescriptionSummary, Tags, Shards: inner.stream.shards };
    }
    case 'deliveryStream': {
      const { DeliveryStreamDescription } = await client.firehose('DescribeDeliveryStream', { DeliveryStreamName: inner.name });
      return DeliveryStreamDescription;
    }
    default:
      return {};
  }
}
