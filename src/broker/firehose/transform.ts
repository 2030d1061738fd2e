import { randomUUID } from 'node:crypto';

/**
 * The Firehose data-transformation contract with a Lambda function: Firehose sends a batch of base64
 * records with record ids; the function answers each id with Ok (new data), Dropped or ProcessingFailed.
 * The local-functions runtime plugs in as the TransformInvoker.
 */
export interface TransformationEventRecord {
  recordId: string;
  approximateArrivalTimestamp: number;
  data: string;
}
export interface TransformationEvent {
  invocationId: string;
  deliveryStreamArn: string;
  region: string;
  records: TransformationEventRecord[];
}
export interface TransformationResultRecord {
  recordId: string;
  result: 'Ok' | 'Dropped' | 'ProcessingFailed';
  data?: string;
}
export interface TransformationResult {
  records: TransformationResultRecord[];
}

export type TransformInvoker = (lambdaArn: string, event: TransformationEvent) => Promise<TransformationResult>;

export interface BufferedRecord {
  recordId: string;
  data: Buffer;
  arrivedAt: number;
}

export interface FailedRecord {
  record: BufferedRecord;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number;
}

export interface TransformOutcome {
  delivered: Buffer[];
  failed: FailedRecord[];
}

/** Firehose retries a failed invocation three times before it gives the batch up as failed. */
const ATTEMPTS = 4;

export async function transformRecords(
  records: BufferedRecord[],
  lambdaArn: string,
  invoker: TransformInvoker | undefined,
  context: { deliveryStreamArn: string; region: string },
): Promise<TransformOutcome> {
  const failAll = (errorCode: string, errorMessage: string, attemptsMade: number): TransformOutcome => ({
    delivered: [],
    failed: records.map((record) => ({ record, errorCode, errorMessage, attemptsMade })),
  });
  if (!invoker) {
    return failAll('Lambda.FunctionNotFound', `No local function is serving ${lambdaArn}.`, 0);
  }
  const event: TransformationEvent = {
    invocationId: randomUUID(),
    deliveryStreamArn: context.deliveryStreamArn,
    region: context.region,
    records: records.map((r) => ({ recordId: r.recordId, approximateArrivalTimestamp: r.arrivedAt, data: r.data.toString('base64') })),
  };
  let result: TransformationResult | undefined;
  let lastError = '';
  let attempts = 0;
  while (!result && attempts < ATTEMPTS) {
    attempts++;
    try {
      result = await invoker(lambdaArn, event);
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
  }
  if (!result) return failAll('Lambda.FunctionError', lastError, attempts);
  const answers = new Map((Array.isArray(result.records) ? result.records : []).map((r) => [r.recordId, r]));
  const outcome: TransformOutcome = { delivered: [], failed: [] };
  for (const record of records) {
    const answer = answers.get(record.recordId);
    const fail = (errorCode: string, errorMessage: string) =>
      outcome.failed.push({ record, errorCode, errorMessage, attemptsMade: attempts });
    if (!answer) {
      fail('Lambda.MissingRecordId', 'One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.');
    } else if (answer.result === 'Ok') {
      if (typeof answer.data === 'string') outcome.delivered.push(Buffer.from(answer.data, 'base64'));
      else fail('Lambda.JsonProcessingException', `Record ${record.recordId} has result Ok but no data.`);
    } else if (answer.result === 'ProcessingFailed') {
      fail('Lambda.ProcessingFailed', `The function marked record ${record.recordId} ProcessingFailed.`);
    } else if (answer.result !== 'Dropped') {
      fail('Lambda.InvalidResult', `Record ${record.recordId} has result ${String(answer.result)}; expected Ok, Dropped or ProcessingFailed.`);
    }
  }
  return outcome;
}

/** One line of a processing-failed object, in the layout AWS documents. */
export function failureLine(f: FailedRecord, lambdaArn: string, at: number): string {
  return JSON.stringify({
    attemptsMade: f.attemptsMade,
    arrivalTimestamp: f.record.arrivedAt,
    errorCode: f.errorCode,
    errorMessage: f.errorMessage,
    attemptEndingTimestamp: at,
    rawData: f.record.data.toString('base64'),
    lambdaArn,
  });
}
