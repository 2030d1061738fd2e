import type { PublishBatchRequestEntry } from './api';
import { snsErrors } from './errors';
import { limits, messageSize } from './validation';

/**
 * What fails a whole PublishBatch before any entry is published, in the order SNS checks it. Problems of
 * one entry alone (an empty message, a bad attribute value) fail only that entry, later.
 */
export function validateBatchRequest(entries: PublishBatchRequestEntry[], fifo: boolean, contentBasedDeduplication: boolean): void {
  if (entries.length === 0) throw snsErrors.emptyBatch();
  if (entries.length > limits.maxBatchEntries) throw snsErrors.tooManyEntries();
  if (new Set(entries.map((e) => e.Id)).size !== entries.length) throw snsErrors.batchIdsNotDistinct();
  for (const e of entries) {
    if ((e.Id ?? '').length > 80) throw snsErrors.invalidBatchEntryId(`The Id of a batch entry in the batch request is too long: ${e.Id}`);
    if (!/^[A-Za-z0-9_-]+$/.test(e.Id ?? '')) {
      throw snsErrors.invalidBatchEntryId(`The Id of a batch entry in the batch request contains an impermissible character: ${e.Id}`);
    }
  }
  const total = entries.reduce((n, e) => n + messageSize(e.Message ?? '', e.MessageAttributes), 0);
  if (total > limits.maxMessageBytes) throw snsErrors.batchTooLong();
  if (fifo) {
    if (entries.some((e) => !e.MessageGroupId)) throw snsErrors.invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    if (!contentBasedDeduplication && entries.some((e) => !e.MessageDeduplicationId)) {
      throw snsErrors.invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  }
  // A missing DataType is a request-shape error (ValidationError), so it fails the batch, not the entry.
  entries.forEach((e, i) => {
    for (const [name, attr] of Object.entries(e.MessageAttributes ?? {})) {
      if (attr?.DataType === undefined || attr.DataType === null) {
        throw snsErrors.validationError(
          `1 validation error detected: Value null at 'publishBatchRequestEntries.${i + 1}.member.messageAttributes.${name}.member.dataType' failed to satisfy constraint: Member must not be null`,
        );
      }
    }
  });
}
