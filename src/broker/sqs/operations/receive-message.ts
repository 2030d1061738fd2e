import type { SqsOperations } from '../api';
import type { SqsOperationContext } from './context';

/** ReceiveMessage, long polls included (receive.ts). */
export function receiveOperations(ctx: SqsOperationContext): Pick<SqsOperations, 'ReceiveMessage'> {
  return {
    ReceiveMessage: (input, rc) => {
      try {
        return ctx.receiver.receive(ctx.requireQueue(input.QueueUrl), input, rc?.signal);
      } catch (e) {
        // The action is async: its failures are rejections, never a synchronous throw.
        return Promise.reject(e);
      }
    },
  };
}
