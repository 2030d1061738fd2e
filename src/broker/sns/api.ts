/**
 * The SNS operations' inputs and outputs, in the shapes of the AWS API (member names as the SDK and the
 * query protocol use them). The engine takes and returns exactly these; the wire server only translates.
 * Binary attribute values are bytes (the query codec decodes the base64 clients send).
 */
import type { RequestContext } from '../sqs/api';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}
export type MessageAttributeMap = Record<string, MessageAttributeValue>;

export interface Tag {
  Key: string;
  Value: string;
}

export interface CreateTopicInput {
  Name: string;
  Attributes?: Record<string, string>;
  Tags?: Tag[];
  DataProtectionPolicy?: string;
}
export interface TopicArnInput {
  TopicArn: string;
}
export interface ListTopicsInput {
  NextToken?: string;
}
export interface ListTopicsOutput {
  Topics: { TopicArn: string }[];
  NextToken?: string;
}
export interface AttributesOutput {
  Attributes: Record<string, string>;
}
export interface SetTopicAttributesInput {
  TopicArn: string;
  AttributeName: string;
  AttributeValue?: string;
}

export interface SubscribeInput {
  TopicArn: string;
  Protocol: string;
  Endpoint?: string;
  Attributes?: Record<string, string>;
  ReturnSubscriptionArn?: boolean;
}
export interface SubscriptionArnOutput {
  SubscriptionArn: string;
}
export interface ConfirmSubscriptionInput {
  TopicArn: string;
  Token: string;
  AuthenticateOnUnsubscribe?: string;
}
export interface SubscriptionArnInput {
  SubscriptionArn: string;
}
export interface ListSubscriptionsInput {
  NextToken?: string;
}
export interface ListSubscriptionsByTopicInput {
  TopicArn: string;
  NextToken?: string;
}
export interface Subscription {
  SubscriptionArn: string;
  Owner: string;
  Protocol: string;
  Endpoint: string;
  TopicArn: string;
}
export interface ListSubscriptionsOutput {
  Subscriptions: Subscription[];
  NextToken?: string;
}
export interface SetSubscriptionAttributesInput {
  SubscriptionArn: string;
  AttributeName: string;
  AttributeValue?: string;
}

export interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: MessageAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface PublishOutput {
  MessageId: string;
  SequenceNumber?: string;
}
/** One message of a PublishBatch: Publish's members but the target, which the batch names once. */
export interface PublishBatchRequestEntry extends Omit<PublishInput, 'TopicArn' | 'TargetArn' | 'PhoneNumber'> {
  Id: string;
}
export interface PublishBatchInput {
  TopicArn: string;
  PublishBatchRequestEntries: PublishBatchRequestEntry[];
}
export interface PublishBatchOutput {
  Successful: { Id: string; MessageId: string; SequenceNumber?: string }[];
  Failed: { Id: string; Code: string; Message?: string; SenderFault: boolean }[];
}

export interface AddPermissionInput {
  TopicArn: string;
  Label: string;
  AWSAccountId: string[];
  ActionName: string[];
}
export interface RemovePermissionInput {
  TopicArn: string;
  Label: string;
}

export interface TagResourceInput {
  ResourceArn: string;
  Tags: Tag[];
}
export interface UntagResourceInput {
  ResourceArn: string;
  TagKeys: string[];
}
export interface ListTagsForResourceInput {
  ResourceArn: string;
}
export interface ListTagsForResourceOutput {
  Tags: Tag[];
}

// ---- mobile push: platform applications and their endpoints

export interface CreatePlatformApplicationInput {
  Name: string;
  Platform: string;
  Attributes: Record<string, string>;
}
export interface PlatformApplicationArnInput {
  PlatformApplicationArn: string;
}
export interface SetPlatformApplicationAttributesInput {
  PlatformApplicationArn: string;
  Attributes: Record<string, string>;
}
export interface ListPlatformApplicationsOutput {
  PlatformApplications: { PlatformApplicationArn: string; Attributes: Record<string, string> }[];
  NextToken?: string;
}
export interface CreatePlatformEndpointInput {
  PlatformApplicationArn: string;
  Token: string;
  CustomUserData?: string;
  Attributes?: Record<string, string>;
}
export interface EndpointArnInput {
  EndpointArn: string;
}
export interface SetEndpointAttributesInput {
  EndpointArn: string;
  Attributes: Record<string, string>;
}
export interface ListEndpointsByPlatformApplicationInput {
  PlatformApplicationArn: string;
  NextToken?: string;
}
export interface ListEndpointsByPlatformApplicationOutput {
  Endpoints: { EndpointArn: string; Attributes: Record<string, string> }[];
  NextToken?: string;
}

// ---- SMS (these members are lower camel case in AWS's model)

export interface SetSMSAttributesInput {
  attributes: Record<string, string>;
}
export interface GetSMSAttributesInput {
  attributes?: string[];
}
export interface SMSAttributesOutput {
  attributes: Record<string, string>;
}
export interface PhoneNumberInput {
  phoneNumber: string;
}
export interface ListPhoneNumbersOptedOutInput {
  nextToken?: string;
}
export interface ListPhoneNumbersOptedOutOutput {
  phoneNumbers: string[];
  nextToken?: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Empty {}

/** Every SNS action the wire endpoint serves. The server dispatches on SnsService.operations. */
export interface SnsOperations {
  CreateTopic: (input: CreateTopicInput, ctx?: RequestContext) => { TopicArn: string };
  DeleteTopic: (input: TopicArnInput, ctx?: RequestContext) => Empty;
  ListTopics: (input: ListTopicsInput, ctx?: RequestContext) => ListTopicsOutput;
  GetTopicAttributes: (input: TopicArnInput, ctx?: RequestContext) => AttributesOutput;
  SetTopicAttributes: (input: SetTopicAttributesInput, ctx?: RequestContext) => Empty;
  Subscribe: (input: SubscribeInput, ctx?: RequestContext) => SubscriptionArnOutput;
  ConfirmSubscription: (input: ConfirmSubscriptionInput, ctx?: RequestContext) => SubscriptionArnOutput;
  Unsubscribe: (input: SubscriptionArnInput, ctx?: RequestContext) => Empty;
  ListSubscriptions: (input: ListSubscriptionsInput, ctx?: RequestContext) => ListSubscriptionsOutput;
  ListSubscriptionsByTopic: (input: ListSubscriptionsByTopicInput, ctx?: RequestContext) => ListSubscriptionsOutput;
  GetSubscriptionAttributes: (input: SubscriptionArnInput, ctx?: RequestContext) => AttributesOutput;
  SetSubscriptionAttributes: (input: SetSubscriptionAttributesInput, ctx?: RequestContext) => Empty;
  Publish: (input: PublishInput, ctx?: RequestContext) => PublishOutput;
  PublishBatch: (input: PublishBatchInput, ctx?: RequestContext) => PublishBatchOutput;
  AddPermission: (input: AddPermissionInput, ctx?: RequestContext) => Empty;
  RemovePermission: (input: RemovePermissionInput, ctx?: RequestContext) => Empty;
  TagResource: (input: TagResourceInput, ctx?: RequestContext) => Empty;
  UntagResource: (input: UntagResourceInput, ctx?: RequestContext) => Empty;
  ListTagsForResource: (input: ListTagsForResourceInput, ctx?: RequestContext) => ListTagsForResourceOutput;
  CreatePlatformApplication: (input: CreatePlatformApplicationInput, ctx?: RequestContext) => PlatformApplicationArnInput;
  GetPlatformApplicationAttributes: (input: PlatformApplicationArnInput, ctx?: RequestContext) => AttributesOutput;
  SetPlatformApplicationAttributes: (input: SetPlatformApplicationAttributesInput, ctx?: RequestContext) => Empty;
  ListPlatformApplications: (input: ListTopicsInput, ctx?: RequestContext) => ListPlatformApplicationsOutput;
  DeletePlatformApplication: (input: PlatformApplicationArnInput, ctx?: RequestContext) => Empty;
  CreatePlatformEndpoint: (input: CreatePlatformEndpointInput, ctx?: RequestContext) => EndpointArnInput;
  GetEndpointAttributes: (input: EndpointArnInput, ctx?: RequestContext) => AttributesOutput;
  SetEndpointAttributes: (input: SetEndpointAttributesInput, ctx?: RequestContext) => Empty;
  ListEndpointsByPlatformApplication: (input: ListEndpointsByPlatformApplicationInput, ctx?: RequestContext) => ListEndpointsByPlatformApplicationOutput;
  DeleteEndpoint: (input: EndpointArnInput, ctx?: RequestContext) => Empty;
  SetSMSAttributes: (input: SetSMSAttributesInput, ctx?: RequestContext) => Empty;
  GetSMSAttributes: (input: GetSMSAttributesInput, ctx?: RequestContext) => SMSAttributesOutput;
  CheckIfPhoneNumberIsOptedOut: (input: PhoneNumberInput, ctx?: RequestContext) => { isOptedOut: boolean };
  ListPhoneNumbersOptedOut: (input: ListPhoneNumbersOptedOutInput, ctx?: RequestContext) => ListPhoneNumbersOptedOutOutput;
  OptInPhoneNumber: (input: PhoneNumberInput, ctx?: RequestContext) => Empty;
}

export type SnsAction = keyof SnsOperations;

/** Whether each action can add to what the broker keeps: those are refused while the data folder is full. */
export const snsAddsData: Readonly<Record<SnsAction, boolean>> = {
  // adds data
  CreateTopic: true, SetTopicAttributes: true, Subscribe: true, ConfirmSubscription: true,
  SetSubscriptionAttributes: true, Publish: true, PublishBatch: true, AddPermission: true, TagResource: true,
  // reads, deletes and changes that add nothing
  DeleteTopic: false, ListTopics: false, GetTopicAttributes: false, Unsubscribe: false,
  ListSubscriptions: false, ListSubscriptionsByTopic: false, GetSubscriptionAttributes: false,
  RemovePermission: false, UntagResource: false, ListTagsForResource: false,
  // mobile push and SMS
  CreatePlatformApplication: true, SetPlatformApplicationAttributes: true, CreatePlatformEndpoint: true,
  SetEndpointAttributes: true, SetSMSAttributes: true,
  GetPlatformApplicationAttributes: false, ListPlatformApplications: false, DeletePlatformApplication: false,
  GetEndpointAttributes: false, ListEndpointsByPlatformApplication: false, DeleteEndpoint: false,
  GetSMSAttributes: false, CheckIfPhoneNumberIsOptedOut: false, ListPhoneNumbersOptedOut: false, OptInPhoneNumber: false,
};
