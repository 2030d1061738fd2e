import type { SqsOperations } from '../api';
import { sendMessage, sendMessageBatch } from '../send';
import type { SqsOperationContext } from './context';

/** SendMessage and SendMessageBatch (the mechanics are in send.ts). */
export function sendOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'SendMessage' | 'SendMessageBatch'> {
  return {
    SendMessage: (input) => sendMessage(ctx.requireQueue(input.QueueUrl), input, false, ctx.sending),
    SendMessageBatch: (input) => sendMessageBatch(ctx.requireQueue(input.QueueUrl), input.Entries, ctx.sending),
  };
}
