import type { Scheduler } from '../scheduler';
import type * as api from './api';
import { analyticsErrors } from './errors';
import type { AnalyticsPorts } from './run/ports';
import { inferSchema } from './schema-inference';

/** How many records a discovery samples, and how long it waits for new ones (NOW, a delivery stream). */
export const DISCOVERY_SAMPLE = 100;
export const DISCOVERY_WAIT_MS = 3000;

/**
 * DiscoverInputSchema: samples records from a Kinesis stream (TRIM_HORIZON: the oldest it holds; NOW: those
 * put in the next seconds), a Firehose delivery stream (those put in the next seconds) or an S3 object (its
 * lines), and infers the schema they share. No record, or records no format fits, is
 * UnableToDetectSchemaException carrying the raw records.
 */
export async function discoverInputSchema(input: api.DiscoverInputSchemaInput, ports: AnalyticsPorts, scheduler: Scheduler): Promise<api.DiscoverInputSchemaOutput> {
  const raw = (await sample(input, ports, scheduler)).map((b) => b.toString('utf8'));
  if (raw.length === 0) throw analyticsErrors.unableToDetect('No data found in the streaming source to discover a schema from', []);
  const inferred = inferSchema(raw);
  if (!inferred) throw analyticsErrors.unableToDetect('Unable to detect a schema: the records are neither JSON objects nor delimited text', raw);
  return { InputSchema: inferred.schema, ParsedInputRecords: inferred.parsed, ProcessedInputRecords: raw, RawInputRecords: raw };
}

async function sample(input: api.DiscoverInputSchemaInput, ports: AnalyticsPorts, scheduler: Scheduler): Promise<Buffer[]> {
  if (input.S3Configuration) {
    if (input.ResourceARN !== undefined) throw analyticsErrors.invalidArgument('Specify either ResourceARN or S3Configuration, not both');
    const { BucketARN, FileKey } = input.S3Configuration;
    if (!/^arn:[\w-]+:s3:::[^/]+$/.test(BucketARN)) throw analyticsErrors.invalidArgument(`BucketARN ${BucketARN} is not an S3 bucket ARN`);
    if (!ports.s3) throw analyticsErrors.invalidArgument('S3 is not available in this broker');
    const bytes = await ports.s3(BucketARN.slice(BucketARN.lastIndexOf(':') + 1), FileKey).catch((e: Error) => {
      throw analyticsErrors.invalidArgument(`Cannot read s3://${BucketARN.slice(13)}/${FileKey}: ${e.message}`);
    });
    return bytes.toString('utf8').split(/\r?\n/).filter((l) => l !== '').slice(0, DISCOVERY_SAMPLE).map((l) => Buffer.from(l));
  }
  const resourceArn = input.ResourceARN;
  if (resourceArn === undefined) throw analyticsErrors.invalidArgument('Specify ResourceARN (a Kinesis stream or a Firehose delivery stream) or S3Configuration');
  if (input.RoleARN === undefined) throw analyticsErrors.invalidArgument('RoleARN is required with ResourceARN');
  const position = input.InputStartingPositionConfiguration?.InputStartingPosition ?? 'NOW';
  if (position !== 'NOW' && position !== 'TRIM_HORIZON') throw analyticsErrors.invalidArgument(`InputStartingPosition ${position} is not NOW or TRIM_HORIZON for a discovery`);
  const service = /^arn:[\w-]+:(kinesis|firehose):[\w-]*:\d{12}:(stream|deliverystream)\/.+$/.exec(resourceArn)?.[1];
  if (!service) throw analyticsErrors.invalidArgument(`ResourceARN ${resourceArn} is not a Kinesis stream or Firehose delivery stream ARN`);
  const name = resourceArn.slice(resourceArn.indexOf('/') + 1);
  try {
    if (service === 'kinesis') {
      if (!ports.kinesis) throw new Error('Kinesis streams are not available in this broker');
      const kinesis = ports.kinesis;
      if (position === 'TRIM_HORIZON') {
        const held = kinesis.shardRecords(name).flatMap((s) => s.records);
        held.sort((a, b) => a.arrivedAt - b.arrivedAt);
        return held.slice(0, DISCOVERY_SAMPLE).map((r) => r.data);
      }
      return await collect((listener) => kinesis.subscribeToRecords(resourceArn, (records) => listener(records.map((r) => r.Data))), scheduler);
    }
    if (!ports.firehose) throw new Error('Firehose delivery streams are not available in this broker');
    const firehose = ports.firehose;
    return await collect((listener) => firehose.subscribeToRecords(resourceArn, (records) => listener(records.map((r) => r.data))), scheduler);
  } catch (e) {
    throw analyticsErrors.invalidArgument(`Cannot read ${resourceArn}: ${(e as Error).message}`);
  }
}

/** The records a source hands over until the sample is full or the wait (on the broker clock) ends. */
function collect(subscribe: (listener: (data: Buffer[]) => void) => () => void, scheduler: Scheduler): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const got: Buffer[] = [];
    const done = () => {
      unsubscribe();
      deadline.cancel();
      resolve(got.slice(0, DISCOVERY_SAMPLE));
    };
    const unsubscribe = subscribe((data) => {
      got.push(...data);
      if (got.length >= DISCOVERY_SAMPLE) done();
    });
    const deadline = scheduler.after(DISCOVERY_WAIT_MS, done);
  });
}
