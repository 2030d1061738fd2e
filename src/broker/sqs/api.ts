/**
 * The SQS operations' inputs and outputs, in the shapes of the AWS API (the JSON 1.0 protocol's member
 * names). The engine takes and returns exactly these; each wire protocol only translates to and from them.
 * Binary values (BinaryValue, BinaryListValues) are bytes: the wire codecs decode the base64 clients send
 * (and refuse text that is not base64) and encode the bytes of an answer back to base64.
 */

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

export type MessageAttributeMap = Record<string, MessageAttributeValue>;

export interface RequestContext {
  /** Scheme, host and port the client used (`http://127.0.0.1:4566`); queue URLs are built on it. */
  endpoint?: string;
  /**
   * Aborted when the client goes away (socket closed, HTTP/2 stream reset): a long poll then stops
   * waiting, so it takes no message that no one would ever read.
   */
  signal?: AbortSignal;
  /** Who signed the request (src/server/request-scope.ts): policies judge a caller of another account. */
  caller?: { accountId: string; accessKeyId?: string };
}

export interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}
export interface CreateQueueOutput {
  QueueUrl: string;
}

export interface QueueUrlInput {
  QueueUrl: string;
}

export interface GetQueueUrlInput {
  QueueName: string;
  QueueOwnerAWSAccountId?: string;
}
export interface GetQueueUrlOutput {
  QueueUrl: string;
}

export interface ListQueuesInput {
  QueueNamePrefix?: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}

export interface GetQueueAttributesInput {
  QueueUrl: string;
  AttributeNames?: string[];
}
export interface GetQueueAttributesOutput {
  Attributes?: Record<string, string>;
}

export interface SetQueueAttributesInput {
  QueueUrl: string;
  Attributes: Record<string, string>;
}

export interface TagQueueInput {
  QueueUrl: string;
  Tags: Record<string, string>;
}
export interface UntagQueueInput {
  QueueUrl: string;
  TagKeys: string[];
}
export interface ListQueueTagsOutput {
  Tags?: Record<string, string>;
}

export interface ListDeadLetterSourceQueuesInput {
  QueueUrl: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListDeadLetterSourceQueuesOutput {
  queueUrls: string[];
  NextToken?: string;
}

export interface AddPermissionInput {
  QueueUrl: string;
  Label: string;
  AWSAccountIds: string[];
  Actions: string[];
}
export interface RemovePermissionInput {
  QueueUrl: string;
  Label: string;
}

export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface SendMessageOutput {
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  MessageId: string;
  SequenceNumber?: string;
}

export interface SendMessageBatchRequestEntry extends Omit<SendMessageInput, 'QueueUrl'> {
  Id: string;
}
export interface SendMessageBatchInput {
  QueueUrl: string;
  Entries: SendMessageBatchRequestEntry[];
}
export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}
export interface SendMessageBatchResultEntry extends SendMessageOutput {
  Id: string;
}
export interface SendMessageBatchOutput {
  Successful: SendMessageBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface ReceiveMessageInput {
  QueueUrl: string;
  /** Deprecated by AWS in favour of MessageSystemAttributeNames; both are honoured. */
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}
export interface Message {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}
export interface ReceiveMessageOutput {
  Messages?: Message[];
}

export interface DeleteMessageInput {
  QueueUrl: string;
  ReceiptHandle: string;
}
export interface DeleteMessageBatchInput {
  QueueUrl: string;
  Entries: { Id: string; ReceiptHandle: string }[];
}
export interface BatchIdOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}

export interface ChangeMessageVisibilityInput {
  QueueUrl: string;
  ReceiptHandle: string;
  VisibilityTimeout: number;
}
export interface ChangeMessageVisibilityBatchInput {
  QueueUrl: string;
  Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[];
}

export interface StartMessageMoveTaskInput {
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}
export interface StartMessageMoveTaskOutput {
  TaskHandle: string;
}
export interface CancelMessageMoveTaskInput {
  TaskHandle: string;
}
export interface CancelMessageMoveTaskOutput {
  ApproximateNumberOfMessagesMoved: number;
}
export interface ListMessageMoveTasksInput {
  SourceArn: string;
  MaxResults?: number;
}
export interface ListMessageMoveTasksResultEntry {
  TaskHandle?: string;
  Status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove?: number;
  FailureReason?: string;
  StartedTimestamp: number;
}
export interface ListMessageMoveTasksOutput {
  Results: ListMessageMoveTasksResultEntry[];
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Empty {}

/**
 * Every SQS action the wire endpoint serves, with its input and output. The server dispatches on this
 * table (see SqsService.operations), so adding an action here is what makes it reachable.
 */
export interface SqsOperations {
  CreateQueue: (input: CreateQueueInput, ctx?: RequestContext) => CreateQueueOutput;
  DeleteQueue: (input: QueueUrlInput, ctx?: RequestContext) => Empty;
  GetQueueUrl: (input: GetQueueUrlInput, ctx?: RequestContext) => GetQueueUrlOutput;
  ListQueues: (input: ListQueuesInput, ctx?: RequestContext) => ListQueuesOutput;
  GetQueueAttributes: (input: GetQueueAttributesInput, ctx?: RequestContext) => GetQueueAttributesOutput;
  SetQueueAttributes: (input: SetQueueAttributesInput, ctx?: RequestContext) => Empty;
  TagQueue: (input: TagQueueInput, ctx?: RequestContext) => Empty;
  UntagQueue: (input: UntagQueueInput, ctx?: RequestContext) => Empty;
  ListQueueTags: (input: QueueUrlInput, ctx?: RequestContext) => ListQueueTagsOutput;
  PurgeQueue: (input: QueueUrlInput, ctx?: RequestContext) => Empty;
  ListDeadLetterSourceQueues: (
    input: ListDeadLetterSourceQueuesInput,
    ctx?: RequestContext,
  ) => ListDeadLetterSourceQueuesOutput;
  AddPermission: (input: AddPermissionInput, ctx?: RequestContext) => Empty;
  RemovePermission: (input: RemovePermissionInput, ctx?: RequestContext) => Empty;
  SendMessage: (input: SendMessageInput, ctx?: RequestContext) => SendMessageOutput;
  SendMessageBatch: (input: SendMessageBatchInput, ctx?: RequestContext) => SendMessageBatchOutput;
  /** Async because of long polling: resolves when messages arrive or WaitTimeSeconds ends. */
  ReceiveMessage: (input: ReceiveMessageInput, ctx?: RequestContext) => Promise<ReceiveMessageOutput>;
  DeleteMessage: (input: DeleteMessageInput, ctx?: RequestContext) => Empty;
  DeleteMessageBatch: (input: DeleteMessageBatchInput, ctx?: RequestContext) => BatchIdOutput;
  ChangeMessageVisibility: (input: ChangeMessageVisibilityInput, ctx?: RequestContext) => Empty;
  ChangeMessageVisibilityBatch: (input: ChangeMessageVisibilityBatchInput, ctx?: RequestContext) => BatchIdOutput;
  StartMessageMoveTask: (input: StartMessageMoveTaskInput, ctx?: RequestContext) => StartMessageMoveTaskOutput;
  CancelMessageMoveTask: (input: CancelMessageMoveTaskInput, ctx?: RequestContext) => CancelMessageMoveTaskOutput;
  ListMessageMoveTasks: (input: ListMessageMoveTasksInput, ctx?: RequestContext) => ListMessageMoveTasksOutput;
}

export type SqsAction = keyof SqsOperations;

/**
 * Whether each action can add to what the broker keeps. Those are refused while the data folder is full;
 * the others (reads, receives, deletes, visibility changes) still run so the user can make room.
 */
export const sqsAddsData: Readonly<Record<SqsAction, boolean>> = {
  // adds data
  CreateQueue: true, SetQueueAttributes: true, TagQueue: true, AddPermission: true, SendMessage: true,
  SendMessageBatch: true, StartMessageMoveTask: true,
  // reads, deletes and changes that add nothing
  DeleteQueue: false, GetQueueUrl: false, ListQueues: false, GetQueueAttributes: false, UntagQueue: false,
  ListQueueTags: false, PurgeQueue: false, ListDeadLetterSourceQueues: false, RemovePermission: false,
  ReceiveMessage: false, DeleteMessage: false, DeleteMessageBatch: false, ChangeMessageVisibility: false,
  ChangeMessageVisibilityBatch: false, CancelMessageMoveTask: false, ListMessageMoveTasks: false,
};
