import type { SendMessageBatchRequestEntry } from '../../broker/sqs/api';
import type { PeekedMessage } from '../../broker/sqs/service';
import { attributesAsText, attributesFromText, type TextAttribute } from '../message-attributes';
import { messageBody } from '../validation/rules';

/** One message in an export file: what it takes to send the message again (binary values as base64). */
export interface ExportedMessage {
  body: string;
  messageAttributes?: Record<string, TextAttribute>;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

export interface ExportFile {
  queue: string;
  exportedAt: string;
  messages: ExportedMessage[];
}

export function exportFile(queue: string, messages: PeekedMessage[], now: Date): ExportFile {
  return {
    queue,
    exportedAt: now.toISOString(),
    messages: messages.map((m) => ({
      body: m.body,
      ...(m.messageAttributes && Object.keys(m.messageAttributes).length ? { messageAttributes: attributesAsText(m.messageAttributes) } : {}),
      ...(m.messageGroupId ? { messageGroupId: m.messageGroupId } : {}),
      ...(m.messageDeduplicationId ? { messageDeduplicationId: m.messageDeduplicationId } : {}),
    })),
  };
}

/**
 * Reads an export file (or a bare array of messages or of body strings) into SendMessageBatch entries;
 * throws an Error naming the first message that is not sendable and why.
 */
export function importEntries(text: string): Omit<SendMessageBatchRequestEntry, 'Id'>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`The file is not JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as ExportFile | null)?.messages;
  if (!Array.isArray(list)) throw new Error('Expected an Eventyard export ({ "messages": [...] }) or an array of messages.');
  return list.map((raw, i) => {
    const m: ExportedMessage = typeof raw === 'string' ? { body: raw } : (raw as ExportedMessage);
    if (!m || typeof m.body !== 'string') throw new Error(`Message ${i + 1} has no "body" string.`);
    const problem = messageBody(m.body);
    if (problem) throw new Error(`Message ${i + 1}: ${problem}`);
    let attributes;
    try {
      attributes = m.messageAttributes && attributesFromText(m.messageAttributes);
    } catch (e) {
      throw new Error(`Message ${i + 1}: ${(e as Error).message}`);
    }
    return {
      MessageBody: m.body,
      ...(attributes ? { MessageAttributes: attributes } : {}),
      ...(m.messageGroupId ? { MessageGroupId: m.messageGroupId } : {}),
      ...(m.messageDeduplicationId ? { MessageDeduplicationId: m.messageDeduplicationId } : {}),
    };
  });
}
