import type { ServiceContext } from '../service-context';
import type * as api from './api';
import { kinesisErrors } from './errors';
import type { KinesisEvent } from './events';
import * as rules from './rules';
import { saveStream } from './stream-save';
import type { ConsumerState, StreamState } from './stream-state';
import { validate } from './validation';

const MAX_CONSUMERS_PER_STREAM = 20;

/**
 * Enhanced fan-out consumers registered on streams. They become ACTIVE at once; SubscribeToShard (the
 * HTTP/2 event stream that would push to them) is not served.
 */
export class ConsumerRegistry {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly streamByArn: (arn: string) => StreamState,
    private readonly emit: (e: KinesisEvent) => void,
  ) {}

  private get account(): string {
    return this.ctx.identity.accountId;
  }

  private view(c: ConsumerState): api.Consumer {
    return {
      ConsumerName: c.ConsumerName,
      ConsumerARN: c.ConsumerARN,
      ConsumerStatus: c.ConsumerStatus,
      ConsumerCreationTimestamp: new Date(c.createdAt),
    };
  }

  register(input: api.RegisterStreamConsumerInput): api.RegisterStreamConsumerOutput {
    validate(rules.registerConsumer(input));
    const stream = this.streamByArn(input.StreamARN);
    const name = input.ConsumerName;
    if (stream.consumers.has(name)) {
      throw kinesisErrors.resourceInUse(`Consumer ${name} under stream ${stream.name} already exists for account ${this.account}.`);
    }
    if (stream.consumers.size >= MAX_CONSUMERS_PER_STREAM) {
      throw kinesisErrors.limitExceeded(
        `Stream ${stream.name} under account ${this.account} already has ${MAX_CONSUMERS_PER_STREAM} consumers, the maximum allowed.`,
      );
    }
    const now = this.ctx.scheduler.now();
    const consumer: ConsumerState = {
      ConsumerName: name,
      ConsumerARN: `${stream.arn}/consumer/${name}:${Math.floor(now / 1000)}`,
      ConsumerStatus: 'ACTIVE',
      createdAt: now,
      tags: new Map(),
    };
    stream.consumers.set(name, consumer);
    this.emit({ service: 'kinesis', type: 'consumerRegistered', streamName: stream.name, consumerName: name, stream: saveStream(stream), at: now });
    return { Consumer: this.view(consumer) };
  }

  /** A consumer named by its ARN, or by StreamARN plus ConsumerName, as AWS allows. */
  find(input: api.ConsumerRef): { stream: StreamState; consumer: ConsumerState } {
    validate(rules.consumerRef(input));
    let streamArn = input.StreamARN;
    let name = input.ConsumerName;
    if (input.ConsumerARN !== undefined) {
      const m = /^(.*)\/consumer\/([^:/]+):\d+$/.exec(input.ConsumerARN);
      if (!m) throw kinesisErrors.invalidArgument(`ConsumerARN ${input.ConsumerARN} is invalid.`);
      streamArn = m[1];
      name = m[2];
    }
    if (streamArn === undefined || name === undefined) {
      throw kinesisErrors.invalidArgument('Either ConsumerARN or both ConsumerName and StreamARN should be provided.');
    }
    const stream = this.streamByArn(streamArn);
    const consumer = stream.consumers.get(name);
    if (!consumer || (input.ConsumerARN !== undefined && consumer.ConsumerARN !== input.ConsumerARN)) {
      throw kinesisErrors.resourceNotFound(`Consumer ${name} under stream ${stream.name} not found for account ${this.account}.`);
    }
    return { stream, consumer };
  }

  describe(input: api.ConsumerRef): api.DescribeStreamConsumerOutput {
    const { stream, consumer } = this.find(input);
    return { ConsumerDescription: { ...this.view(consumer), StreamARN: stream.arn } };
  }

  list(input: api.ListStreamConsumersInput): api.ListStreamConsumersOutput {
    validate(rules.listConsumers(input));
    const stream = this.streamByArn(input.StreamARN);
    const all = [...stream.consumers.values()].sort((a, b) => a.ConsumerName.localeCompare(b.ConsumerName));
    const after = input.NextToken === undefined ? undefined : Buffer.from(input.NextToken, 'base64').toString('utf8');
    const eligible = all.filter((c) => after === undefined || c.ConsumerName > after);
    const max = input.MaxResults ?? 100;
    const page = eligible.slice(0, max);
    return {
      Consumers: page.map((c) => this.view(c)),
      ...(eligible.length > max
        ? { NextToken: Buffer.from(page[page.length - 1].ConsumerName, 'utf8').toString('base64') }
        : {}),
    };
  }

  deregister(input: api.ConsumerRef): api.Empty {
    const { stream, consumer } = this.find(input);
    stream.consumers.delete(consumer.ConsumerName);
    this.emit({
      service: 'kinesis',
      type: 'consumerDeregistered',
      streamName: stream.name,
      consumerName: consumer.ConsumerName,
      stream: saveStream(stream),
      at: this.ctx.scheduler.now(),
    });
    return {};
  }
}
