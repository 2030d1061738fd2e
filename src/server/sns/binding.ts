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
    // Applications take their endpoints; opted-out numbers are opted in again. SMS attributes have no delete.
    const { ListPlatformApplications, DeletePlatformApplication, ListPhoneNumbersOptedOut, OptInPhoneNumber } = broker.sns.operations;
    for (let apps = ListPlatformApplications({}).PlatformApplications; apps.length; apps = ListPlatformApplications({}).PlatformApplications) {
      for (const { PlatformApplicationArn } of apps) DeletePlatformApplication({ PlatformApplicationArn });
    }
    for (let numbers = ListPhoneNumbersOptedOut({}).phoneNumbers; numbers.length; numbers = ListPhoneNumbersOptedOut({}).phoneNumbers) {
      for (const phoneNumber of numbers) OptInPhoneNumber({ phoneNumber });
    }
  },
  query: { xmlNamespace: (model as ServiceModel).metadata.xmlNamespace! },
  shapes: snsShapes,
};
