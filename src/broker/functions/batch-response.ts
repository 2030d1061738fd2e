/**
 * Reads a partial batch response (ReportBatchItemFailures) by Lambda's rules: no list, or an empty one,
 * means every item succeeded; a malformed entry or an id not in the batch fails the whole batch.
 * Returns the ids of the items to retry.
 */
export function batchItemFailures(output: unknown, batchIds: string[]): Set<string> {
  const all = new Set(batchIds);
  if (output === null || typeof output !== 'object') return new Set();
  const list = (output as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return all;
  const failed = new Set<string>();
  for (const item of list) {
    const id = item && typeof item === 'object' ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || !all.has(id)) return all;
    failed.add(id);
  }
  return failed;
}
