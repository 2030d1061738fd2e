/**
 * Every message between the extension host and the inspector webview, declared once and imported by both
 * sides (the pattern of GitLens's src/webviews/protocol.ts). The webview asks with a numbered request and
 * gets exactly one response; the host pushes change notifications. Values are plain JSON: the webview's
 * postMessage structured-clones them, and nothing here may import the broker's code, 'vscode' or the DOM
 * (the broker's event types are imported as types only, to derive the change notices from them).
 */
import type { BrokerEvent } from '../broker/events';

export type ResourceKind = 'queue' | 'topic' | 'stream' | 'deliveryStream' | 'function' | 'bus' | 'stateMachine' | 'recording' | 'trace';

/**
 * What an inspector panel shows; also the argument of the `eventyard.openInspector` command. A recording
 * (an NDJSON file of `serve --record` or "Start Recording") is no broker resource: its name is the file's path.
 * A trace's name is what to find: a message id, a trace id or text (src/broker/trace).
 */
export interface ResourceRef {
  kind: ResourceKind;
  name: string;
  /** A state machine's panel: the execution (ARN) to show first. */
  execution?: string;
  /** Another account and region than the broker's default (clients signing for them made it). */
  scope?: ResourceScope;
}

export interface ResourceScope {
  accountId: string;
  region: string;
}

// ---------------------------------------------------------------- where the resource lives

/**
 * What the view may offer, as the place the resource lives allows it. This window's broker can show what no
 * AWS client can (peek, the SNS outbox, change notices); a connection (AWS or another endpoint) only what
 * the AWS API gives, so its views hide those parts or say why they are missing.
 */
export interface Capabilities {
  /** SQS: read messages without changing them. Without it the queue is read by Poll (ReceiveMessage). */
  peek: boolean;
  /**
   * What the service delivered, as only this window's broker can say: SNS's outbox and the log of what each
   * subscription received; an event bus's recent events with the rules they matched and what each target got.
   */
  deliveryLog: boolean;
  /** Changes arrive as notices when they happen; without them views re-read on a timer and after their own changes. */
  liveChanges: boolean;
  /** Send, delete, purge, redrive and put are allowed (a connection starts read-only). */
  writable: boolean;
}

/** The local broker offers everything. */
export const LOCAL_CAPABILITIES: Capabilities = { peek: true, deliveryLog: true, liveChanges: true, writable: true };

/** The connection a panel inspects, for its banner (names only: never a credential). */
export interface ConnectionInfo {
  name: string;
  region: string;
  /** `AWS` or the endpoint's host. */
  where: string;
  production: boolean;
}

// ---------------------------------------------------------------- queue

export type MessageState = 'visible' | 'inFlight' | 'delayed';
export type PeekState = MessageState | 'all';

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface QueueDescription {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  attributes: Record<string, string>;
  counts: { visible: number; inFlight: number; delayed: number };
  /** The queue's dead-letter queue, from its RedrivePolicy. */
  deadLetterQueue?: { name: string; maxReceiveCount: number };
  /** Queues whose RedrivePolicy names this one: non-empty means this queue is a DLQ. */
  sourceQueues: string[];
  moveTasks: MoveTask[];
  /** The queue's tags (ListQueueTags), where the view reads them. */
  tags?: Record<string, string>;
}

/** Poll: a ReceiveMessage this window makes, with the visibility timeout the user chose. */
export interface PollRequest {
  visibilityTimeout: number;
  maxMessages: number;
}

/** A message this window received: whole, with its receipt handle and when it shows again to consumers. */
export interface PolledMessage extends MessageDetail {
  receiptHandle: string;
  visibleAt: number;
  hiddenSince: number;
}

export interface MoveTask {
  taskHandle?: string;
  status: string;
  sourceArn: string;
  destinationArn?: string;
  moved: number;
  toMove?: number;
  failureReason?: string;
}

/** A row of the peek list: enough for the list, not the whole body. */
export interface MessageSummary {
  messageId: string;
  state: MessageState;
  sentTimestamp: number;
  receiveCount: number;
  size: number;
  preview: string;
  messageGroupId?: string;
  receiptHandle?: string;
  /** When an in-flight or delayed message becomes visible (ms epoch, host clock). */
  visibleAt?: number;
  /** When the current visibility timeout or delay started, so a countdown bar knows its full length. */
  hiddenSince?: number;
  deadLetterSourceQueueName?: string;
  /** A dead letter a local function failed on: the last failure its event source mapping saw. */
  lastConsumerError?: ConsumerFailure;
}

/** Why a consumer did not process a message: the function, its invocation and its error in words. */
export interface ConsumerFailure {
  functionName: string;
  requestId: string;
  at: number;
  error: string;
}

export interface MessageDetail extends MessageSummary {
  body: string;
  messageAttributes: Record<string, MessageAttribute>;
  attributes: Record<string, string>;
}

export interface PeekQuery {
  state: PeekState;
  offset: number;
  limit: number;
  /** Matches body, message id, group id and attribute names and values, case-insensitively. */
  text?: string;
  /** `name` or `name=value`: only messages carrying that message attribute (with that value). */
  attribute?: string;
}

export interface PeekPage {
  /** Matching messages in total, for the virtual list's scroll height. */
  total: number;
  offset: number;
  messages: MessageSummary[];
}

export interface SendRequest {
  body: string;
  /** A batch of different messages, sent instead of `body` (its copies apply to each). */
  bodies?: string[];
  attributes: Record<string, MessageAttribute>;
  delaySeconds?: number;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** How many copies; more than one goes out in SendMessageBatch calls of up to 10. */
  copies: number;
}

export interface SendResult {
  messageIds: string[];
  failed: { code: string; message: string }[];
}

export interface RedriveRequest {
  /** Move only these messages (selected in the list); absent means all, via StartMessageMoveTask. */
  messageIds?: string[];
  /** Destination queue name; absent means each message's source queue. */
  destination?: string;
}

export interface RedriveResult {
  moved: number;
  taskHandle?: string;
}

export type ActivityKind =
  | 'sent'
  | 'received'
  | 'visibilityChanged'
  | 'visible'
  | 'deleted'
  | 'expired'
  | 'movedToDeadLetterQueue'
  | 'moved';

export interface ActivityEntry {
  at: number;
  kind: ActivityKind;
  queueName: string;
  receiveCount?: number;
  visibleAt?: number;
  targetQueueName?: string;
}

// ---------------------------------------------------------------- topic

export interface SubscriptionSummary {
  arn: string;
  protocol: string;
  endpoint: string;
  status: string;
  filterPolicy?: string;
  filterPolicyScope?: string;
  rawMessageDelivery: boolean;
}

export interface TopicDescription {
  name: string;
  arn: string;
  fifo: boolean;
  attributes: Record<string, string>;
  subscriptions: SubscriptionSummary[];
}

export interface PublishRequest {
  message: string;
  subject?: string;
  /** `json` sends a per-protocol message (MessageStructure=json). */
  structure?: 'json';
  attributes: Record<string, MessageAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/** A filter policy tried on a sample message, in the editor, as SNS would judge it (nothing is published). */
export interface FilterTestRequest {
  filterPolicy: string;
  scope: 'MessageAttributes' | 'MessageBody';
  message: string;
  attributes: Record<string, MessageAttribute>;
}

export interface FilterTestResult {
  matched: boolean;
  /** For a miss: the policy key the message failed. */
  failedKey?: string;
}

export interface DeliveryOutcome {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  status: string;
  /** Why a message was filtered out or failed. */
  reason?: string;
  attempts?: number;
  at?: number;
}

export interface PublishedMessage {
  messageId: string;
  at: number;
  deliveries: DeliveryOutcome[];
}

export interface OutboxEntry {
  id: number;
  messageId: string;
  protocol: string;
  endpoint: string;
  at: number;
  kind: string;
  subject?: string;
  body: string;
  /** SMS only: the number replied STOP (the account's opt-out list holds it) and gets nothing more. */
  optedOut?: boolean;
}

// ---------------------------------------------------------------- stream

export interface ShardSummary {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  startingHashKey: string;
  endingHashKey: string;
  /** Closed shards (after a split or merge) still hold records until retention ends. */
  open: boolean;
  /** Records the shard holds; unknown on a connection (the AWS API does not count them). */
  recordCount?: number;
}

/** An enhanced fan-out consumer (RegisterStreamConsumer). */
export interface StreamConsumer {
  name: string;
  arn: string;
  status: string;
  createdAt: number;
}

export interface StreamDescription {
  name: string;
  arn: string;
  status: string;
  mode?: string;
  retentionHours?: number;
  shards: ShardSummary[];
  /** Enhanced fan-out consumers, where the view reads them. */
  consumers?: StreamConsumer[];
}

export interface DeliveredObject {
  at: number;
  /** `bucket/key`, or the URL for an HTTP endpoint destination. */
  location: string;
  recordCount: number;
  error?: string;
}

export interface DeliveryStreamDescription {
  name: string;
  arn: string;
  type: string;
  destination: string;
  sourceStreamArn?: string;
  bufferedRecords: number;
  bufferedBytes: number;
  deliveredObjects: number;
  /** Newest first, as seen since Eventyard started. */
  deliveries: DeliveredObject[];
}

export type ShardIteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP';

export interface ReadRecordsRequest {
  shardId: string;
  /** A fresh read starts from this position; a continuation passes `iterator` instead. */
  position?: { type: ShardIteratorType; sequenceNumber?: string; timestamp?: number };
  iterator?: string;
  limit: number;
}

export interface StreamRecord {
  sequenceNumber: string;
  partitionKey: string;
  arrivedAt: number;
  /** The data as UTF-8 text, or base64 when it is not valid UTF-8 (then `binary` is set). */
  data: string;
  binary?: boolean;
  size: number;
}

export interface ReadRecordsResult {
  records: StreamRecord[];
  nextIterator?: string;
  millisBehindLatest?: number;
}

export interface PutRecordRequest {
  partitionKey: string;
  data: string;
  explicitHashKey?: string;
}

/** Resharding from the inspector: evenly to a count, or one shard split at its middle, or two adjacent shards merged. */
export type ReshardRequest =
  | { action: 'updateShardCount'; targetShardCount: number }
  | { action: 'split'; shardId: string }
  | { action: 'merge'; shardId: string; adjacentShardId: string };

export interface PutRecordResult {
  shardId: string;
  sequenceNumber: string;
}

// ---------------------------------------------------------------- function

export interface Invocation {
  requestId: string;
  at: number;
  status: 'succeeded' | 'failed' | 'timedOut';
  durationMs: number;
  initDurationMs?: number;
  /** Event and result as pretty JSON text. */
  event: string;
  result?: string;
  error?: string;
  logs: string;
  /** What made it run, in words: "invoked by hand", "SQS orders", … */
  trigger: string;
}

export interface FunctionDescription {
  name: string;
  arn: string;
  handler: string;
  timeoutSeconds: number;
  /** Event sources mapped to the function (ARNs). */
  triggers: string[];
  invocations: Invocation[];
}

// ---------------------------------------------------------------- event bus

export interface BusTarget {
  id: string;
  arn: string;
  /** Input, InputPath or InputTransformer, in words, when the target does not get the event as is. */
  input?: string;
}

export interface BusRule {
  name: string;
  state: string;
  /** The event pattern as the rule was given it; absent for a scheduled rule. */
  pattern?: string;
  schedule?: string;
  targets: BusTarget[];
}

/** An archive of the bus's events (DescribeArchive). */
export interface BusArchive {
  name: string;
  state: string;
  eventCount: number;
  sizeBytes: number;
  /** Days events are kept; 0 or absent: indefinitely. */
  retentionDays?: number;
  /** Absent: it archives every event of the bus. */
  pattern?: string;
  description?: string;
}

export interface BusDescription {
  name: string;
  arn: string;
  rules: BusRule[];
  archives: BusArchive[];
}

export type BusDeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'deadLettered';

export interface BusDelivery {
  rule: string;
  targetId: string;
  targetArn: string;
  status: BusDeliveryStatus;
  attempt: number;
  /** Why it failed or where it was dead-lettered. */
  detail?: string;
}

/** A row of the event log: enough for the list; `bus/explain` gives the whole event and the verdicts. */
export interface BusEventSummary {
  eventId: string;
  at: number;
  source: string;
  detailType: string;
  /** The event's detail as compact JSON, cut at PREVIEW_LENGTH. */
  preview: string;
  /** The rules it matched when it was put. */
  matchedRules: string[];
  deliveries: BusDelivery[];
}

/** Why a pattern did not match an event: the first field that failed, the pattern's and the event's values. */
export interface PatternMissInfo {
  /** Dotted path of the field, `detail.state`. */
  path: string;
  /** The field's values as the pattern writes them, as JSON text. */
  expected: string;
  /** The event's values there, each as JSON text; absent when the event has no such field. */
  seen?: string[];
  arrayConsistency?: boolean;
  /** One sentence for people. */
  text: string;
}

export interface RuleVerdict {
  rule: string;
  state: string;
  /** The rule's pattern matches the event (a disabled rule may match and still not route it). */
  matched: boolean;
  /** A scheduled rule: it has no pattern and never matches put events. */
  scheduled?: boolean;
  miss?: PatternMissInfo;
  /** For a logged event: what each of the rule's targets was sent, and how that went. */
  targets?: (BusDelivery & { received: string })[];
}

export interface BusExplanation {
  eventId?: string;
  /** The whole event, pretty JSON. */
  event: string;
  verdicts: RuleVerdict[];
}

export interface PatternTestRequest {
  pattern: string;
  /** A pasted event (JSON, with TestEventPattern's envelope members); absent: the bus's recent events. */
  event?: string;
  limit: number;
}

export interface PatternTestResult {
  /** Recent events (newest first) or the one pasted event, each with the pattern's verdict. */
  results: { eventId?: string; at?: number; source: string; detailType: string; matched: boolean; miss?: PatternMissInfo }[];
  matched: number;
}

export interface PutEventRequest {
  source: string;
  detailType: string;
  detail: string;
  resources?: string[];
}

// ---------------------------------------------------------------- state machine

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface ExecutionRow {
  arn: string;
  name: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
}

export interface StateMachineDescription {
  name: string;
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** The definition as the machine holds it (JSON text). */
  definition: string;
  /** Newest first, at most MAX_EXECUTION_ROWS. */
  executions: ExecutionRow[];
  /** Why none are listed where the service lists none (AWS's ListExecutions refuses an express machine). */
  executionsNote?: string;
}

/** A history event as GetExecutionHistory answers it, its time in epoch milliseconds. */
export interface HistoryRow {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  /** The event's `...EventDetails` member (inputs and outputs are JSON text inside it), if it has one. */
  details?: Record<string, unknown>;
}

export interface ExecutionDetail extends ExecutionRow {
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The definition the execution runs (DescribeStateMachineForExecution): the machine may have changed since. */
  definition: string;
  events: HistoryRow[];
  /** Task tokens the execution waits on (`.waitForTaskToken`), with the state that waits. */
  waitingTokens: { token: string; state?: string }[];
  /** DescribeExecution's word on RedriveExecution: `REDRIVABLE` or `NOT_REDRIVABLE`, and why not. */
  redriveStatus?: string;
  redriveStatusReason?: string;
  redriveCount?: number;
}

export interface StartExecutionRequest {
  name?: string;
  input: string;
}

/** How many executions the state machine's panel lists. */
export const MAX_EXECUTION_ROWS = 100;

// ---------------------------------------------------------------- recording (a timeline of requests)

/** One resource's lane on a recording's time axis. */
export interface RecordingLane {
  resource: string;
  service: string;
  requests: number;
}

/** A recording as the timeline draws it: every request's time and lane, small enough for 100,000 requests. */
export interface RecordingOverview {
  /** The file's name (not its folder). */
  file: string;
  requests: number;
  /** The last request's time, ms since the recording started. */
  durationMs: number;
  /** When the first request was made (ISO 8601), empty when the file does not say. */
  startedAt: string;
  lanes: RecordingLane[];
  /** Each request's time (ms since the start), in the recording's order (which is time order). */
  times: number[];
  /** Each request's lane, an index into `lanes`. */
  laneOf: number[];
}

/** A request in the list under the timeline. */
export interface RecordingRow {
  /** Its position in the recording (0-based). */
  index: number;
  t: number;
  at: string;
  service: string;
  action: string;
  resource: string;
  /** Messages, records or events it carries (a batch has several). */
  entries: number;
  /** The first entry's body, cut to PREVIEW_LENGTH. */
  preview: string;
}

/** One message, record or event of a request, as text: shown as text, never as markup. */
export interface RecordedPayload {
  body: string;
  /** The body was bytes that are not UTF-8 text: `body` is their base64. */
  binary: boolean;
  /** Attributes, group and deduplication ids, partition key, subject, source...: name to text. */
  details: Record<string, string>;
}

export interface RecordingRequestDetail extends RecordingRow {
  payloads: RecordedPayload[];
  /** The whole request as the recording holds it (pretty JSON; bytes as {"$base64"}). */
  input: string;
}

export interface RecordingRowsQuery {
  /** Rows are the requests before this index, newest first: what happened up to the scrubber. */
  upTo: number;
  /** Only this lane's requests. */
  lane?: number;
  offset: number;
  limit: number;
}

/** Sends requests from..to-1 of the recording again into this window's broker, keeping their spacing. */
export interface RecordingReplayRequest {
  from: number;
  to: number;
  /** Times faster than recorded; 0 stands for as fast as possible (JSON has no Infinity). */
  speed: number;
}

export interface RecordingReplayResult {
  sent: number;
  refused: number;
  /** The first refusal's words. */
  firstError?: string;
  elapsedMs: number;
}

// ---------------------------------------------------------------- trace (a message's way through the broker)

/** What happened at a hop; the broker's TraceHopKind (src/broker/trace/hop.ts), which the handler passes on as is. */
export type TraceHopKind =
  | 'sent' | 'published' | 'put' | 'received' | 'visibilityChanged' | 'visibilityExpired' | 'deleted' | 'expired'
  | 'movedToDeadLetterQueue' | 'redriven' | 'delivered' | 'filteredOut' | 'deliveryFailed' | 'deliveryRetrying'
  | 'deadLettered' | 'ruleMatched' | 'invoked' | 'invocationFailed' | 'objectDelivered' | 'objectChanged';

export type TraceService = 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'functions' | 's3';

/** One hop of a trace. Payloads and attributes are text: the view shows them as text, never as markup. */
export interface TraceHopInfo {
  traceId: string;
  seq: number;
  at: number;
  service: TraceService;
  resource: string;
  kind: TraceHopKind;
  messageId?: string;
  payload?: string;
  attributes?: Record<string, string>;
  detail?: string;
  /** An SNS filter policy that said no: the first condition that failed and the values the message had. */
  filter?: { key: string; condition: string; seen?: unknown[] };
  receiveCount?: number;
  /** An EventBridge put: the rules whose pattern said no, each with its first failing field (while the bus's log holds the event). */
  patternMisses?: { rule: string; miss: PatternMissInfo }[];
}

/** Who made the request the trace started with. */
export interface TraceOriginInfo {
  via: 'wire' | 'editor';
  protocol?: string;
  userAgent?: string;
  client?: string;
  action?: string;
  accountId?: string;
}

export interface TraceInfo {
  traceId: string;
  origin?: TraceOriginInfo;
  hops: TraceHopInfo[];
}

/** A search over the traces the broker still holds: `any` tries the text as an id, then as body text. */
export interface TraceFindRequest {
  query: string;
  by: 'any' | 'id' | 'text' | 'attribute';
  limit: number;
}

// ---------------------------------------------------------------- requests

/** Every request the webview may make: method name to its parameters and result. */
export interface InspectorRequests {
  'queue/describe': { params: Record<string, never>; result: QueueDescription };
  'queue/peek': { params: PeekQuery; result: PeekPage };
  'queue/message': { params: { messageId: string }; result: MessageDetail | null };
  'queue/send': { params: SendRequest; result: SendResult };
  'queue/changeVisibility': { params: { receiptHandle: string; visibilityTimeout: number }; result: null };
  /** In-flight messages by receipt handle; waiting ones by id (deleted in the engine, not received first). */
  'queue/delete': { params: { receiptHandles?: string[]; messageIds?: string[] }; result: { deleted: number } };
  'queue/purge': { params: Record<string, never>; result: null };
  'queue/redrive': { params: RedriveRequest; result: RedriveResult };
  'queue/cancelMoveTask': { params: { taskHandle: string }; result: null };
  'queue/activity': { params: { messageId: string }; result: ActivityEntry[] };
  'queue/list': { params: Record<string, never>; result: string[] };
  /** Receives (ReceiveMessage): receive counts rise and the messages hide for the timeout given. */
  'queue/poll': { params: PollRequest; result: PolledMessage[] };
  /** What this panel received by polling and has not deleted, newest poll first. */
  'queue/polled': { params: Record<string, never>; result: PolledMessage[] };

  'topic/describe': { params: Record<string, never>; result: TopicDescription };
  'topic/setFilterPolicy': {
    params: { subscriptionArn: string; filterPolicy: string; scope: 'MessageAttributes' | 'MessageBody' };
    result: null;
  };
  'topic/publish': { params: PublishRequest; result: { messageId: string } };
  /** Runs the local filter-policy matcher on a sample: the same on a connection as on this window's broker. */
  'topic/testFilter': { params: FilterTestRequest; result: FilterTestResult };
  'topic/published': { params: { limit: number }; result: PublishedMessage[] };
  'topic/outbox': { params: { limit: number }; result: OutboxEntry[] };
  /** The phone number replies STOP to an SMS: it goes on the opt-out list until OptInPhoneNumber. */
  'topic/replyStop': { params: { phoneNumber: string }; result: null };

  'stream/describe': { params: Record<string, never>; result: StreamDescription };
  'stream/read': { params: ReadRecordsRequest; result: ReadRecordsResult };
  'stream/put': { params: PutRecordRequest; result: PutRecordResult };
  /** UpdateShardCount, SplitShard or MergeShards; on a connection only after the stream's name is typed. */
  'stream/reshard': { params: ReshardRequest; result: null };

  'deliveryStream/describe': { params: Record<string, never>; result: DeliveryStreamDescription };
  'deliveryStream/put': { params: { data: string }; result: { recordId: string } };

  'function/describe': { params: Record<string, never>; result: FunctionDescription };
  'function/invoke': { params: { payload: string }; result: Invocation };

  'bus/describe': { params: Record<string, never>; result: BusDescription };
  /** The bus's recent events, newest first. */
  'bus/events': { params: { limit: number }; result: BusEventSummary[] };
  /** Every rule's verdict for a logged event (by id) or a pasted one (JSON text). */
  'bus/explain': { params: { eventId: string } | { event: string }; result: BusExplanation };
  /** Checks a pattern as TestEventPattern does (AWS's words when invalid) and matches it. */
  'bus/testPattern': { params: PatternTestRequest; result: PatternTestResult };
  'bus/putEvent': { params: PutEventRequest; result: { eventId: string } };

  'stateMachine/describe': { params: Record<string, never>; result: StateMachineDescription };
  'stateMachine/execution': { params: { executionArn: string }; result: ExecutionDetail };
  'stateMachine/start': { params: StartExecutionRequest; result: { executionArn: string } };
  /** Asks the editor for a JSON file and answers its text (null when the user cancels). */
  'stateMachine/readInputFile': { params: Record<string, never>; result: string | null };
  /** On a connection only after the execution's name is typed. */
  'stateMachine/stop': { params: { executionArn: string }; result: null };
  /** RedriveExecution: a failed, timed out or aborted execution goes on from the state that failed. On a connection only after its name is typed. */
  'stateMachine/redrive': { params: { executionArn: string }; result: null };
  'stateMachine/sendTaskSuccess': { params: { taskToken: string; output: string }; result: null };
  'stateMachine/sendTaskFailure': { params: { taskToken: string; error?: string; cause?: string }; result: null };

  /** Reads the recording (again: it may have grown since). */
  'recording/overview': { params: Record<string, never>; result: RecordingOverview };
  'recording/rows': { params: RecordingRowsQuery; result: { total: number; items: RecordingRow[] } };
  'recording/request': { params: { index: number }; result: RecordingRequestDetail };
  'recording/replay': { params: RecordingReplayRequest; result: RecordingReplayResult };

  /** The traces that match, newest first; `attribute` reads the query as `name=value` or a bare value. */
  'trace/find': { params: TraceFindRequest; result: TraceInfo[] };

  /** Opens another resource's inspector, e.g. the dead-letter queue named in the header. */
  'inspector/open': { params: ResourceRef; result: null };
  /** Copies text with the host's clipboard, which works where the webview's own may be denied. */
  'clipboard/write': { params: { text: string }; result: null };
  /**
   * Saves items of this resource as a `*.events.yaml` file the editor opens: message ids (queue), outbox
   * entry ids (topic), `shardId/sequenceNumber` (stream) or event ids (bus). Answers how many were saved.
   */
  'eventFile/save': { params: { ids: string[] }; result: { saved: number } };
}

export type InspectorMethod = keyof InspectorRequests;
export type ParamsOf<M extends InspectorMethod> = InspectorRequests[M]['params'];
export type ResultOf<M extends InspectorMethod> = InspectorRequests[M]['result'];

export type RequestMessage = {
  [M in InspectorMethod]: { type: 'request'; id: number; method: M; params: ParamsOf<M> };
}[InspectorMethod];

/** A request's failure: the AWS error code and message when the broker refused, as a client would see. */
export interface RequestError {
  code: string;
  message: string;
}

/** Webview to host. `ready` is sent once the app has mounted, so no notification is posted into the void. */
export type WebviewMessage = { type: 'ready' } | RequestMessage;

/** The fields of a broker event a change notice keeps, where the event has them (besides service, type, at). */
export const NOTICE_FIELDS = ['messageId', 'visibleAt', 'receiveCount', 'targetQueueName', 'requestId', 'eventId', 'ruleName', 'executionArn', 'historyLength'] as const;

type KeptField = 'service' | 'type' | 'at' | (typeof NOTICE_FIELDS)[number] | 'shardIds';
type KinesisRecordsPut = Extract<BrokerEvent, { service: 'kinesis'; type: 'recordsPut' }>;
/** For a stream's recordsPut: the shards that took records, so a live tail reads only when needed. */
type Kept<E> = Pick<E, Extract<keyof E, KeptField>> & (E extends KinesisRecordsPut ? { shardIds: string[] } : unknown);
/** One event's notice; the kept fields it lacks read as undefined, so any notice's `messageId` may be read. */
type Notice<E> = E extends BrokerEvent ? Kept<E> & { [K in Exclude<KeptField, keyof Kept<E>>]?: undefined } : never;

/**
 * A change to the inspected resource: the broker event it stands for (service, type, time), reduced to
 * what the webview needs to decide what to refetch and to draw the activity and throughput. Reads are
 * left out: the inspector's own reads would otherwise make it read again, forever.
 */
export type ChangeNotice = Notice<Exclude<BrokerEvent, { type: 'recordsRead' }>>;
export type NoticeType = ChangeNotice['type'];
/** The notices one service's resources send, e.g. `ServiceNotice<'sqs'>` for a queue's panel. */
export type ServiceNotice<S extends ChangeNotice['service']> = Extract<ChangeNotice, { service: S }>;

export type Tally = Partial<Record<NoticeType, number>>;

/** Host to webview. Every message carries the host's clock so countdowns can be drawn against it. */
export type HostMessage =
  | { type: 'init'; resource: ResourceRef; now: number; capabilities: Capabilities; connection?: ConnectionInfo }
  | { type: 'response'; id: number; ok: true; result: unknown; now: number }
  | { type: 'response'; id: number; ok: false; error: RequestError; now: number }
  | {
      /** A batch without notices (a connection's refresh timer, or its own change): something may have changed. */
      type: 'changed';
      changes: ChangeNotice[];
      /** Notices left out of this batch beyond MAX_NOTICES_PER_BATCH; the webview refetches instead. */
      dropped: number;
      /** Every change of the batch counted by type, dropped ones included, for live throughput. */
      tally: Tally;
      now: number;
    };

/** Longest body preview a list row carries; the detail pane asks for the whole message. */
export const PREVIEW_LENGTH = 240;
/** Most notices one `changed` message carries; beyond that the webview is told how many it missed. */
export const MAX_NOTICES_PER_BATCH = 500;
