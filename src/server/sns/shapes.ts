import { blob, boolean, list, map, OperationShapes, string, structure } from '../shapes';

/**
 * SNS operation shapes as botocore's model (sns/2010-03-31/service-2.json, query protocol) declares them:
 * maps are not flattened (`Attributes.entry.1.key`), message attributes use Name/Value, lists use `member`.
 */
const attributeMap = map(string, string);
const tagList = list(structure({ Key: string, Value: string }), { keepEmpty: true });
const messageAttributeMap = map(string, structure({ DataType: string, StringValue: string, BinaryValue: blob }), {
  keyName: 'Name',
  valueName: 'Value',
});
const subscriptionList = list(structure({ SubscriptionArn: string, Owner: string, Protocol: string, Endpoint: string, TopicArn: string }), {
  keepEmpty: true,
});
const topicArn = structure({ TopicArn: string });
const subscriptionArn = structure({ SubscriptionArn: string });
const messageMembers = {
  Message: string,
  Subject: string,
  MessageStructure: string,
  MessageAttributes: messageAttributeMap,
  MessageDeduplicationId: string,
  MessageGroupId: string,
};

export const snsShapes: Record<string, OperationShapes> = {
  CreateTopic: {
    input: structure({ Name: string, Attributes: attributeMap, Tags: tagList, DataProtectionPolicy: string }),
    output: topicArn,
  },
  DeleteTopic: { input: topicArn },
  ListTopics: {
    input: structure({ NextToken: string }),
    output: structure({ Topics: list(topicArn, { keepEmpty: true }), NextToken: string }),
  },
  GetTopicAttributes: { input: topicArn, output: structure({ Attributes: attributeMap }) },
  SetTopicAttributes: { input: structure({ TopicArn: string, AttributeName: string, AttributeValue: string }) },
  Subscribe: {
    input: structure({ TopicArn: string, Protocol: string, Endpoint: string, Attributes: attributeMap, ReturnSubscriptionArn: boolean }),
    output: subscriptionArn,
  },
  ConfirmSubscription: {
    input: structure({ TopicArn: string, Token: string, AuthenticateOnUnsubscribe: string }),
    output: subscriptionArn,
  },
  Unsubscribe: { input: subscriptionArn },
  ListSubscriptions: {
    input: structure({ NextToken: string }),
    output: structure({ Subscriptions: subscriptionList, NextToken: string }),
  },
  ListSubscriptionsByTopic: {
    input: structure({ TopicArn: string, NextToken: string }),
    output: structure({ Subscriptions: subscriptionList, NextToken: string }),
  },
  GetSubscriptionAttributes: { input: subscriptionArn, output: structure({ Attributes: attributeMap }) },
  SetSubscriptionAttributes: { input: structure({ SubscriptionArn: string, AttributeName: string, AttributeValue: string }) },
  Publish: {
    input: structure({ TopicArn: string, TargetArn: string, PhoneNumber: string, ...messageMembers }),
    output: structure({ MessageId: string, SequenceNumber: string }),
  },
  PublishBatch: {
    input: structure({ TopicArn: string, PublishBatchRequestEntries: list(structure({ Id: string, ...messageMembers })) }),
    output: structure({
      Successful: list(structure({ Id: string, MessageId: string, SequenceNumber: string }), { keepEmpty: true }),
      Failed: list(structure({ Id: string, Code: string, Message: string, SenderFault: boolean }), { keepEmpty: true }),
    }),
  },
  AddPermission: {
    input: structure({ TopicArn: string, Label: string, AWSAccountId: list(string), ActionName: list(string) }),
  },
  RemovePermission: { input: structure({ TopicArn: string, Label: string }) },
  TagResource: { input: structure({ ResourceArn: string, Tags: tagList }), output: structure({}) },
  UntagResource: { input: structure({ ResourceArn: string, TagKeys: list(string) }), output: structure({}) },
  ListTagsForResource: { input: structure({ ResourceArn: string }), output: structure({ Tags: tagList }) },
};
