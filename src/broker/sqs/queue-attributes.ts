import { sqsErrors } from './errors';
import type { Queue } from './queue';
import { isReadableAttribute } from './attributes';

/** Every attribute GetQueueAttributes reports for `queue` right now, with the computed ones filled in. */
export function currentAttributes(queue: Queue): Record<string, string> {
  const values: Record<string, string> = {
    ...queue.attributes,
    ApproximateNumberOfMessages: String(queue.approximateNumberOfMessages),
    ApproximateNumberOfMessagesNotVisible: String(queue.approximateNumberOfMessagesNotVisible),
    ApproximateNumberOfMessagesDelayed: String(queue.approximateNumberOfMessagesDelayed),
    CreatedTimestamp: String(Math.floor(queue.createdTimestamp / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestamp / 1000)),
    QueueArn: queue.arn,
  };
  // The data key period only means something, and only shows, while a KMS key is set.
  if (values.KmsMasterKeyId) values.KmsDataKeyReusePeriodSeconds ??= '300';
  else delete values.KmsDataKeyReusePeriodSeconds;
  return values;
}

/** GetQueueAttributes: the named attributes ('All' for every one); unknown names are an error. */
export function selectQueueAttributes(queue: Queue, names: string[] | undefined): Record<string, string> | undefined {
  if (!names || names.length === 0) return undefined;
  for (const name of names) if (!isReadableAttribute(name)) throw sqsErrors.unknownAttribute(name);
  const all = currentAttributes(queue);
  if (names.includes('All')) return sortKeys(all);
  const selected: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) selected[name] = all[name];
  return Object.keys(selected).length ? sortKeys(selected) : undefined;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
