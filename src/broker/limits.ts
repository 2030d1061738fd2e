/**
 * AWS's documented limits that more than one layer needs: the engine enforces them, the editor's prompts
 * and the inspector's fields check input against them, and schemas/eventyard.schema.json states them for
 * the definitions file (JSON cannot import; a unit test holds the schema to these numbers). Plain numbers
 * without imports, so the webview bundle can take them too. A limit only one engine file knows stays there.
 */

export const sqsLimits = {
  /** VisibilityTimeout, and the longest a received message may stay hidden in all: 12 hours. */
  maxVisibilityTimeoutSeconds: 43_200,
  defaultVisibilityTimeoutSeconds: 30,
  /** DelaySeconds of a queue or a message: 15 minutes. */
  maxDelaySeconds: 900,
  /** MaximumMessageSize's range; its default is the maximum, which also bounds a batch's total. */
  minMessageBytes: 1024,
  maxMessageBytes: 1_048_576,
  /** MessageRetentionPeriod: a minute to 14 days, 4 days by default. */
  minRetentionSeconds: 60,
  maxRetentionSeconds: 1_209_600,
  defaultRetentionSeconds: 345_600,
  /** ReceiveMessageWaitTimeSeconds and WaitTimeSeconds: long polls last up to 20 seconds. */
  maxWaitSeconds: 20,
  /** A RedrivePolicy's maxReceiveCount: 1 to 1000. */
  maxReceiveCount: 1000,
  /** Entries of one SendMessageBatch (and the other batch actions). */
  maxBatchEntries: 10,
} as const;

export const kinesisLimits = {
  /** The data of one record, before base64. */
  maxRecordBytes: 1_048_576,
  /** A stream's retention period: a day (the default) to 365 days. */
  minRetentionHours: 24,
  maxRetentionHours: 8760,
  defaultRetentionHours: 24,
} as const;

export const lambdaLimits = {
  /** A function's timeout: 1 second to 15 minutes. */
  maxTimeoutSeconds: 900,
} as const;
