import fs from 'node:fs';
import { decodeExport, encodeExport, formatOf } from '../recording/export-file';
import { describeTarget, exportMessages, importMessages } from '../recording/transfer';
import type { ExportCliOptions, ImportCliOptions } from './transfer-options';
import { readInputFile } from './input-file';
import { UsageError } from './serve-options';

/** `eventyard export RESOURCE`: resolves to the exit code (0 written, 1 the broker refused). */
export async function exportCommand(options: ExportCliOptions): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let messages;
  try {
    messages = await exportMessages(endpointOptions(options), options.target);
  } catch (e) {
    process.stderr.write(`eventyard: cannot export ${describeTarget(options.target)}: ${errorText(e, options.endpoint)}\n`);
    return 1;
  }
  const text = encodeExport(messages, options.format);
  if (options.out === undefined) {
    // main() exits right after: wait until a pipe (asynchronous on some systems) has taken all of it.
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return 0;
  }
  try {
    fs.writeFileSync(options.out, text);
  } catch (e) {
    throw new UsageError(`${options.out}: cannot write it: ${(e as Error).message}`);
  }
  // The count goes to stderr so that stdout stays the file's content when --out is absent.
  process.stderr.write(`Exported ${messages.length} message${messages.length === 1 ? '' : 's'} of ${describeTarget(options.target)} to ${options.out}.\n`);
  return 0;
}

/** `eventyard import FILE --into RESOURCE`: resolves to the exit code (0 all taken, 1 one refused). */
export async function importCommand(options: ImportCliOptions): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const text = readInputFile(options.file);
  let messages;
  try {
    messages = decodeExport(text, options.format ?? formatOf(options.file, text));
  } catch (e) {
    throw new UsageError(`${options.file}: ${(e as Error).message}`);
  }
  try {
    const { sent, merged } = await importMessages(endpointOptions(options), options.target, messages);
    process.stdout.write(`Sent ${sent} message${sent === 1 ? '' : 's'} to ${describeTarget(options.target)}${merged ? ` (${merged} lines repeating a message id were left out: an outbox has one per subscriber)` : ''}.\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`eventyard: cannot import into ${describeTarget(options.target)}: ${errorText(e, options.endpoint)}\n`);
    return 1;
  }
}

function endpointOptions(options: { endpoint: string; region?: string }) {
  return {
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    credentials: process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }
      : undefined,
  };
}

/** An AWS error as its code and words; a broker that is not there as that, not as fetch's own words. */
function errorText(e: unknown, endpoint: string): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const message = e instanceof Error ? e.message : String(e);
  if (cause?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return `nothing answers at ${endpoint} (is the broker running?)`;
  if (e instanceof TypeError && message === 'fetch failed') return `cannot reach ${endpoint}: ${cause?.message ?? message}`;
  const name = (e as { name?: string }).name;
  return name && name !== 'Error' && !message.startsWith(name) ? `${name}: ${message}` : message;
}
