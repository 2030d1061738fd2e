import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { FirehoseClient, PutRecordBatchCommand, PutRecordCommand as FirehosePutRecordCommand } from '@aws-sdk/client-firehose';
import { PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { PublishBatchCommand, PublishCommand } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { EndpointClient, type EndpointOptions } from '../event-files/wire-client';
import { busName, type RecordedRequest } from './recording';
import type { Transform } from './transform';

export interface ReplayOptions extends EndpointOptions {
  /** How many times faster than recorded: 1 keeps the original pace; Infinity sends as fast as the target answers. */
  speed: number;
  /** Applied to each request before it is sent (src/recording/transform.ts); it may drop a request. */
  transform?: Transform;
  signal?: AbortSignal;
  /** After each request is answered (or refused), with its position in the recording. */
  onSent?: (index: number, error?: string) => void;
}

export interface ReplayResult {
  sent: number;
  /** Dropped by the transform. */
  skipped: number;
  failed: { index: number; message: string }[];
  /** How long the replay took (ms). */
  elapsed: number;
}

/**
 * Sends a recording's requests again, in order, to any AWS endpoint (this broker, another Eventyard, AWS):
 * each is sent at its time in the recording divided by `speed`, or at once when the one before took longer.
 * Queues, topics and streams are found by name on the target, so a recording of one broker replays into
 * another whose account, region or port differ.
 */
export async function replay(requests: RecordedRequest[], options: ReplayOptions): Promise<ReplayResult> {
  const client = new EndpointClient(options);
  const firehose = new FirehoseClient({ endpoint: options.endpoint, region: options.region ?? 'us-east-1', credentials: options.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  const result: ReplayResult = { sent: 0, skipped: 0, failed: [], elapsed: 0 };
  const start = performance.now();
  try {
    for (let index = 0; index < requests.length; index++) {
      if (options.signal?.aborted) break;
      const request = options.transform ? await options.transform(requests[index]) : requests[index];
      if (!request) {
        result.skipped++;
        continue;
      }
      const due = start + request.t / options.speed;
      const wait = due - performance.now();
      if (Number.isFinite(wait) && wait > 0) await sleep(wait, options.signal);
      if (options.signal?.aborted) break;
      try {
        const refused = await send(request, client, firehose);
        if (refused) result.failed.push({ index, message: refused });
        else result.sent++;
        options.onSent?.(index, refused);
      } catch (e) {
        const message = `${(e as { name?: string }).name ?? 'Error'}: ${(e as Error).message}`;
        result.failed.push({ index, message });
        options.onSent?.(index, message);
      }
    }
  } finally {
    client.dispose();
    firehose.destroy();
  }
  result.elapsed = performance.now() - start;
  return result;
}

/** Sends one request; answers what the target refused of a batch, if anything. */
async function send(request: RecordedRequest, client: EndpointClient, firehose: FirehoseClient): Promise<string | undefined> {
  const input = request.input;
  const batchFailures = (failed: number, first?: { Code?: string; ErrorCode?: string; Message?: string; ErrorMessage?: string }) =>
    failed ? `${failed} entr${failed === 1 ? 'y was' : 'ies were'} refused${first ? `: ${first.Code ?? first.ErrorCode} ${first.Message ?? first.ErrorMessage ?? ''}`.trimEnd() : ''}` : undefined;
  switch (`${request.service}.${request.action}`) {
    case 'sqs.SendMessage':
      await client.sqs.send(new SendMessageCommand(sdk({ ...input, QueueUrl: await client.queueUrl(request.resource) })));
      return undefined;
    case 'sqs.SendMessageBatch': {
      const out = await client.sqs.send(new SendMessageBatchCommand(sdk({ ...input, QueueUrl: await client.queueUrl(request.resource) })));
      return batchFailures(out.Failed?.length ?? 0, out.Failed?.[0]);
    }
    case 'sns.Publish':
      await client.sns.send(new PublishCommand(sdk(input.TopicArn ? { ...input, TopicArn: await client.topicArn(request.resource) } : input)));
      return undefined;
    case 'sns.PublishBatch': {
      const out = await client.sns.send(new PublishBatchCommand(sdk({ ...input, TopicArn: await client.topicArn(request.resource) })));
      return batchFailures(out.Failed?.length ?? 0, out.Failed?.[0]);
    }
    case 'kinesis.PutRecord':
      await client.kinesis.send(new PutRecordCommand(sdk({ ...withoutStreamArn(input), StreamName: request.resource })));
      return undefined;
    case 'kinesis.PutRecords': {
      const out = await client.kinesis.send(new PutRecordsCommand(sdk({ ...withoutStreamArn(input), StreamName: request.resource })));
      return batchFailures(out.FailedRecordCount ?? 0, out.Records?.find((r) => r.ErrorCode));
    }
    case 'firehose.PutRecord':
      await firehose.send(new FirehosePutRecordCommand(sdk(input)));
      return undefined;
    case 'firehose.PutRecordBatch': {
      const out = await firehose.send(new PutRecordBatchCommand(sdk(input)));
      return batchFailures(out.FailedPutCount ?? 0, out.RequestResponses?.find((r) => r.ErrorCode));
    }
    case 'events.PutEvents': {
      // A bus named by ARN names the recorded broker's account; by name it is found on the target.
      const entries = ((input as { Entries?: { EventBusName?: string }[] }).Entries ?? []).map((e) => ({ ...e, EventBusName: busName(e.EventBusName) }));
      const out = await client.events.send(new PutEventsCommand(sdk({ ...input, Entries: entries })));
      return batchFailures(out.FailedEntryCount ?? 0, out.Entries?.find((e) => e.ErrorCode));
    }
    default:
      return `${request.service} ${request.action} is not replayed.`;
  }
}

/** A recorded input as an SDK command's input: the recording holds the AWS API's own member names. */
function sdk<T>(input: object): T {
  return input as T;
}

function withoutStreamArn(input: Record<string, unknown>): Record<string, unknown> {
  const { StreamARN: _arn, ...rest } = input;
  return rest;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
