import {
  blob,
  boolean,
  integer,
  list,
  long,
  map,
  named,
  OperationShapes,
  string,
  structure,
} from '../shapes';

/**
 * SQS operation shapes as botocore's model (service-2.json, query protocol) declares them: the query
 * codec decodes awscli/boto3 form posts and writes the XML answers from these, and the JSON codec uses
 * them to refuse wrongly typed members.
 */

const flatList = (itemName: string) => list(string, { itemName, flattened: true });
const nameValueMap = map(string, string, { keyName: 'Name', valueName: 'Value', flattened: true });
const tagMap = map(string, string, { keyName: 'Key', valueName: 'Value', flattened: true });

const messageAttributeValue = structure({
  StringValue: string,
  BinaryValue: blob,
  StringListValues: named('StringListValue', list(string, { itemName: 'StringListValue', flattened: true })),
  BinaryListValues: named('BinaryListValue', list(blob, { itemName: 'BinaryListValue', flattened: true })),
  DataType: string,
});
const messageAttributeMap = map(string, messageAttributeValue, {
  keyName: 'Name',
  valueName: 'Value',
  flattened: true,
});

const queueUrl = structure({ QueueUrl: string });
const batchResultErrorEntries = named(
  'BatchResultErrorEntry',
  list(structure({ Id: string, SenderFault: boolean, Code: string, Message: string }), {
    itemName: 'BatchResultErrorEntry',
    flattened: true,
  }),
);
const idResultEntries = (itemName: string) => list(structure({ Id: string }), { itemName, flattened: true });

const sendMessageMembers = {
  MessageBody: string,
  DelaySeconds: integer,
  MessageAttributes: named('MessageAttribute', messageAttributeMap),
  MessageSystemAttributes: named('MessageSystemAttribute', messageAttributeMap),
  MessageDeduplicationId: string,
  MessageGroupId: string,
};
const sendMessageResultMembers = {
  MD5OfMessageBody: string,
  MD5OfMessageAttributes: string,
  MD5OfMessageSystemAttributes: string,
  MessageId: string,
  SequenceNumber: string,
};

export const sqsShapes: Record<string, OperationShapes> = {
  CreateQueue: {
    input: structure({
      QueueName: string,
      Attributes: named('Attribute', nameValueMap),
      tags: named('Tag', tagMap),
    }),
    output: structure({ QueueUrl: string }),
  },
  DeleteQueue: { input: queueUrl },
  GetQueueUrl: {
    input: structure({ QueueName: string, QueueOwnerAWSAccountId: string }),
    output: structure({ QueueUrl: string }),
  },
  ListQueues: {
    input: structure({ QueueNamePrefix: string, NextToken: string, MaxResults: integer }),
    output: structure({ QueueUrls: flatList('QueueUrl'), NextToken: string }),
  },
  GetQueueAttributes: {
    input: structure({ QueueUrl: string, AttributeNames: flatList('AttributeName') }),
    output: structure({ Attributes: named('Attribute', nameValueMap) }),
  },
  SetQueueAttributes: { input: structure({ QueueUrl: string, Attributes: named('Attribute', nameValueMap) }) },
  TagQueue: { input: structure({ QueueUrl: string, Tags: named('Tag', tagMap) }) },
  UntagQueue: { input: structure({ QueueUrl: string, TagKeys: flatList('TagKey') }) },
  ListQueueTags: { input: queueUrl, output: structure({ Tags: named('Tag', tagMap) }) },
  PurgeQueue: { input: queueUrl },
  ListDeadLetterSourceQueues: {
    input: structure({ QueueUrl: string, NextToken: string, MaxResults: integer }),
    output: structure({ queueUrls: flatList('QueueUrl'), NextToken: string }),
  },
  AddPermission: {
    input: structure({
      QueueUrl: string,
      Label: string,
      AWSAccountIds: flatList('AWSAccountId'),
      Actions: flatList('ActionName'),
    }),
  },
  RemovePermission: { input: structure({ QueueUrl: string, Label: string }) },
  SendMessage: {
    input: structure({ QueueUrl: string, ...sendMessageMembers }),
    output: structure(sendMessageResultMembers),
  },
  SendMessageBatch: {
    input: structure({
      QueueUrl: string,
      Entries: list(structure({ Id: string, ...sendMessageMembers }), {
        itemName: 'SendMessageBatchRequestEntry',
        flattened: true,
      }),
    }),
    output: structure({
      Successful: list(structure({ Id: string, ...sendMessageResultMembers }), {
        itemName: 'SendMessageBatchResultEntry',
        flattened: true,
      }),
      Failed: batchResultErrorEntries,
    }),
  },
  ReceiveMessage: {
    input: structure({
      QueueUrl: string,
      AttributeNames: flatList('AttributeName'),
      MessageSystemAttributeNames: flatList('MessageSystemAttributeName'),
      MessageAttributeNames: flatList('MessageAttributeName'),
      MaxNumberOfMessages: integer,
      VisibilityTimeout: integer,
      WaitTimeSeconds: integer,
      ReceiveRequestAttemptId: string,
    }),
    output: structure({
      Messages: list(
        structure({
          MessageId: string,
          ReceiptHandle: string,
          MD5OfBody: string,
          Body: string,
          Attributes: named('Attribute', nameValueMap),
          MD5OfMessageAttributes: string,
          MessageAttributes: named('MessageAttribute', messageAttributeMap),
        }),
        { itemName: 'Message', flattened: true },
      ),
    }),
  },
  DeleteMessage: { input: structure({ QueueUrl: string, ReceiptHandle: string }) },
  DeleteMessageBatch: {
    input: structure({
      QueueUrl: string,
      Entries: list(structure({ Id: string, ReceiptHandle: string }), {
        itemName: 'DeleteMessageBatchRequestEntry',
        flattened: true,
      }),
    }),
    output: structure({
      Successful: idResultEntries('DeleteMessageBatchResultEntry'),
      Failed: batchResultErrorEntries,
    }),
  },
  ChangeMessageVisibility: {
    input: structure({ QueueUrl: string, ReceiptHandle: string, VisibilityTimeout: integer }),
  },
  ChangeMessageVisibilityBatch: {
    input: structure({
      QueueUrl: string,
      Entries: list(structure({ Id: string, ReceiptHandle: string, VisibilityTimeout: integer }), {
        itemName: 'ChangeMessageVisibilityBatchRequestEntry',
        flattened: true,
      }),
    }),
    output: structure({
      Successful: idResultEntries('ChangeMessageVisibilityBatchResultEntry'),
      Failed: batchResultErrorEntries,
    }),
  },
  StartMessageMoveTask: {
    input: structure({ SourceArn: string, DestinationArn: string, MaxNumberOfMessagesPerSecond: integer }),
    output: structure({ TaskHandle: string }),
  },
  CancelMessageMoveTask: {
    input: structure({ TaskHandle: string }),
    output: structure({ ApproximateNumberOfMessagesMoved: long }),
  },
  ListMessageMoveTasks: {
    input: structure({ SourceArn: string, MaxResults: integer }),
    output: structure({
      Results: list(
        structure({
          TaskHandle: string,
          Status: string,
          SourceArn: string,
          DestinationArn: string,
          MaxNumberOfMessagesPerSecond: integer,
          ApproximateNumberOfMessagesMoved: long,
          ApproximateNumberOfMessagesToMove: long,
          FailureReason: string,
          StartedTimestamp: long,
        }),
        { itemName: 'ListMessageMoveTasksResultEntry', flattened: true },
      ),
    }),
  },
};
