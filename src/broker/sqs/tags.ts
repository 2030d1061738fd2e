import { sqsErrors } from './errors';

const MAX_TAGS_PER_QUEUE = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/**
 * A queue's tags after adding `added` to `current`, checked against the quotas AWS documents for queue
 * tags (50 per queue, keys 1-128 and values 0-256 characters, the `aws:` prefix reserved). Throws before
 * anything changes, so a refused TagQueue leaves the queue's tags as they were.
 */
export function mergeTags(queueName: string, current: Record<string, string>, added: Record<string, string>): Record<string, string> {
  for (const [key, value] of Object.entries(added)) {
    if (characters(key) < 1 || characters(key) > MAX_KEY_LENGTH) {
      throw sqsErrors.invalidParameterValue(`Tag keys must be between 1 and ${MAX_KEY_LENGTH} characters in length.`);
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw sqsErrors.invalidParameterValue(`Tag key ${key} is invalid. Reason: The prefix aws: is reserved for AWS use.`);
    }
    if (typeof value !== 'string' || characters(value) > MAX_VALUE_LENGTH) {
      throw sqsErrors.invalidParameterValue(`Tag values must be between 0 and ${MAX_VALUE_LENGTH} characters in length.`);
    }
  }
  const merged = { ...current, ...added };
  if (Object.keys(merged).length > MAX_TAGS_PER_QUEUE) {
    throw sqsErrors.invalidParameterValue(`Too many tags added for queue ${queueName}.`);
  }
  return merged;
}

/** Unicode characters, as AWS counts tag lengths (an emoji is one, not two UTF-16 units). */
function characters(text: string): number {
  return [...text].length;
}
