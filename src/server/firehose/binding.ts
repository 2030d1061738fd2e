import { jsonBinding, type ServiceModel } from '../model';
import model from '../models/firehose.json';

/** Amazon Data Firehose: JSON 1.1. */
export const firehoseBinding = jsonBinding(model as ServiceModel, {
  name: 'firehose',
  operations: (broker) => broker.firehose.operations,
  reset: (broker) => {
    // Deleting through DeleteDeliveryStream emits the events the tree and inspector follow.
    const { ListDeliveryStreams, DeleteDeliveryStream } = broker.firehose.operations;
    for (
      let names = ListDeliveryStreams({ Limit: 10000 }).DeliveryStreamNames;
      names.length;
      names = ListDeliveryStreams({ Limit: 10000 }).DeliveryStreamNames
    ) {
      for (const DeliveryStreamName of names) DeleteDeliveryStream({ DeliveryStreamName });
    }
  },
});
