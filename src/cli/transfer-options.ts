import type { ExportFormat } from '../recording/export-file';
import { parseTarget, type TransferTarget } from '../recording/transfer';
import { endpointOption, parseCommandArgs } from './command-args';
import { UsageError } from './serve-options';

export interface ExportCliOptions {
  target: TransferTarget;
  format: ExportFormat;
  /** Absent: standard output. */
  out?: string;
  endpoint: string;
  region?: string;
}

export interface ImportCliOptions {
  file: string;
  target: TransferTarget;
  /** Absent: by the file's name, else its first character. */
  format?: ExportFormat;
  endpoint: string;
  region?: string;
}

const RESOURCES = `Resources: queue:NAME, topic:NAME or stream:NAME, a queue URL, or an SQS, SNS or Kinesis ARN.`;

export const exportHelp = `Usage: eventyard export [options] RESOURCE

Writes what a queue, a topic's outbox or a stream holds, without consuming it: a queue's messages in every
state through Eventyard's peek (nothing is received), the email, SMS and push deliveries of a topic, a
stream's records from the oldest. One message a line (NDJSON) or CSV with a header; bodies, attributes,
FIFO group and deduplication ids, partition keys and where each came from. ${RESOURCES}

Options:
  --format <json|csv>  json: NDJSON, one message a line (default); csv: a header row, then one row each
  --out <file>         write there (default: standard output)
  --endpoint <url>     the broker (default: AWS_ENDPOINT_URL, else http://127.0.0.1:4566)
  --region <region>    (default: AWS_REGION, else us-east-1)
  -h, --help           show this help
`;

export const importHelp = `Usage: eventyard import [options] FILE --into RESOURCE

Sends the messages of an export (NDJSON, a JSON array, or CSV with a header and a body column) to a queue
(SendMessageBatch), a topic (Publish) or a stream (PutRecords), keeping attributes, FIFO group and
deduplication ids and partition keys. Exit code 0 when all were taken, 1 when one was refused, 2 when the
file or an option is wrong. ${RESOURCES}

Options:
  --into <resource>    where to send (required)
  --format <json|csv>  how the file is written (default: by its name, else its first character)
  --endpoint <url>     the broker (default: AWS_ENDPOINT_URL, else http://127.0.0.1:4566)
  --region <region>    (default: AWS_REGION, else us-east-1)
  -h, --help           show this help
`;

export function parseExportOptions(argv: string[]): ExportCliOptions | 'help' {
  const parsed = parseCommandArgs(argv, { format: { type: 'string' }, out: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } });
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('eventyard export needs one resource, e.g. queue:orders.');
  return { target: target(positionals[0]), format: format(values.format) ?? 'json', out: values.out, endpoint: endpoint(values.endpoint), region: values.region };
}

export function parseImportOptions(argv: string[]): ImportCliOptions | 'help' {
  const parsed = parseCommandArgs(argv, { into: { type: 'string' }, format: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } });
  if (parsed === 'help') return 'help';
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('eventyard import needs one file.');
  if (values.into === undefined) throw new UsageError('eventyard import needs --into RESOURCE, e.g. --into queue:orders.');
  return { file: positionals[0], target: target(values.into), format: format(values.format), endpoint: endpoint(values.endpoint), region: values.region };
}

function target(text: string): TransferTarget {
  try {
    return parseTarget(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function format(raw: string | undefined): ExportFormat | undefined {
  if (raw === undefined || raw === 'json' || raw === 'csv') return raw;
  throw new UsageError(`--format must be json or csv, not "${raw}".`);
}

function endpoint(raw: string | undefined): string {
  return endpointOption(raw ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566');
}
