import type { QueuePeek } from '../broker/sqs/queue';
import { attributesFromText, type TextAttribute } from '../broker/sqs/text-attributes';

// Defined beside the engine's attribute types because the CLI's export and import share them with the editor.
export { attributesAsText, attributesFromText, toBase64, type TextAttribute } from '../broker/sqs/text-attributes';

/** Another broker's admin peek writes binary values as base64 text; the inspector takes them as bytes. */
export function peekWithBytes(peek: QueuePeek): QueuePeek {
  for (const m of peek.messages) {
    if (m.messageAttributes) m.messageAttributes = attributesFromText(m.messageAttributes as unknown as Record<string, TextAttribute>);
  }
  return peek;
}
