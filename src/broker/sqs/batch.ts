import type { BatchIdOutput, BatchResultErrorEntry } from './api';
import { isAwsError } from '../errors';
import { sqsLimits } from '../limits';
import { sqsErrors } from './errors';

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The request-wide checks every *Batch action makes before touching any entry. */
export function checkBatchEntries(entries: { Id: string }[] | undefined): asserts entries is { Id: string }[] {
  if (!entries || entries.length === 0) throw sqsErrors.emptyBatchRequest();
  if (entries.length > sqsLimits.maxBatchEntries) throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry.Id !== 'string' || !BATCH_ENTRY_ID.test(entry.Id)) throw sqsErrors.invalidBatchEntryId();
    if (seen.has(entry.Id)) throw sqsErrors.batchEntryIdsNotDistinct(entry.Id);
    seen.add(entry.Id);
  }
}

/** Runs one entry; an AwsError becomes that entry's failure, as AWS reports it in the Failed list. */
export function runEntry<T>(id: string, run: () => T, failed: BatchResultErrorEntry[]): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!isAwsError(e)) throw e;
    failed.push({ Id: id, SenderFault: e.fault === 'Sender', Code: e.queryCode, Message: e.message });
    return undefined;
  }
}

/** A *Batch action whose entries answer only whether they worked: each entry's Id in Successful, or its failure. */
export function runIdBatch<E extends { Id: string }>(entries: E[] | undefined, run: (entry: E) => void): BatchIdOutput {
  checkBatchEntries(entries);
  const result: BatchIdOutput = { Successful: [], Failed: [] };
  for (const entry of entries) {
    const ok = runEntry(entry.Id, () => (run(entry), true), result.Failed);
    if (ok) result.Successful.push({ Id: entry.Id });
  }
  return result;
}
