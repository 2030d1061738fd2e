import type { ServiceBinding } from '../binding';
import type { ServiceModel } from '../model';
import model from '../models/sns.json';
import { snsShapes } from './shapes';

/** SNS: the query/XML protocol, which every SDK and the CLI use for it. */
export const snsBinding: ServiceBinding = {
  name: 'sns',
  operations: (broker) => broker.sns.operations,
  reset: (broker) => {
    // Deleting through DeleteTopic removes subscriptions and emits the events the tree follows.
    const { ListTopics, DeleteTopic } = broker.sns.operations;
    for (let topics = ListTopics({}).Topics; topics.length; topics = ListTopics({}).Topics) {
      for (const { TopicArn } of topics) DeleteTopic({ TopicArn });
    }
  },
  query: { xmlNamespace: (model as ServiceModel).metadata.xmlNamespace! },
  shapes: snsShapes,
};
