import type { SubscribeToShardOutput } from '../../broker/kinesis/api';
import { jsonBinding, type ServiceModel } from '../model';
import model from '../models/kinesis.json';
import { subscribeToShardResponse } from './subscribe-to-shard';

/** Kinesis Data Streams: JSON 1.1 (the JavaScript and Python SDKs, the CLI) and CBOR (the Java SDK's default). */
export const kinesisBinding = jsonBinding(
  model as ServiceModel,
  {
    name: 'kinesis',
    operations: (broker) => broker.kinesis.operations,
    reset: (broker) => {
      // Deleting through DeleteStream emits the events the tree and inspector follow.
      const { ListStreams, DeleteStream } = broker.kinesis.operations;
      for (let names = ListStreams({}).StreamNames; names.length; names = ListStreams({}).StreamNames) {
        for (const StreamName of names) DeleteStream({ StreamName, EnforceConsumerDeletion: true });
      }
    },
    encodeOutput: (action, output, request, cbor) =>
      action === 'SubscribeToShard' ? subscribeToShardResponse(output as SubscribeToShardOutput, request, cbor) : undefined,
  },
  { cbor: true },
);
