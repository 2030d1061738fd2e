// Receives orders from the "orders" queue with long polling and deletes each one it handled.
// With FAIL_EVERY=N every Nth order "fails": it is not deleted, so it comes back after the visibility timeout
// (and lands in a dead-letter queue once a redrive policy's maxReceiveCount is reached).
//   node consumer.mjs
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { endpoint, queueName, sqs } from './sqs.mjs';

const failEvery = Number(process.env.FAIL_EVERY ?? 0);
const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
console.log(`consumer: receiving from ${QueueUrl} (endpoint ${endpoint}); Ctrl-C stops`);

let handled = 0;
let stopping = false;
process.on('SIGINT', () => { stopping = true; });
while (!stopping) {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
    QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'],
  }));
  for (const m of Messages) {
    handled++;
    const receives = m.Attributes?.ApproximateReceiveCount;
    if (failEvery && handled % failEvery === 0) {
      console.log(`consumer: FAILED ${m.MessageId} (receive #${receives}); it becomes visible again`);
      continue;
    }
    console.log(`consumer: handled ${m.Body} (receive #${receives})`);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
}
