// Sends orders to the "orders" queue, one a second (or COUNT of them, then stops).
//   node producer.mjs [COUNT]
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { endpoint, queueName, sqs } from './sqs.mjs';

const count = Number(process.argv[2] ?? Infinity);
const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
console.log(`producer: sending to ${QueueUrl} (endpoint ${endpoint})`);

const items = ['coffee beans', 'tea', 'mug', 'grinder', 'filter papers'];
for (let n = 1; n <= count; n++) {
  const order = { orderId: `o-${Date.now()}-${n}`, item: items[n % items.length], quantity: 1 + (n % 3) };
  const { MessageId } = await sqs.send(new SendMessageCommand({
    QueueUrl,
    MessageBody: JSON.stringify(order),
    MessageAttributes: { source: { DataType: 'String', StringValue: 'demo-producer' } },
  }));
  console.log(`producer: sent ${order.orderId} (${order.item}) as ${MessageId}`);
  if (n < count) await new Promise((r) => setTimeout(r, 1000));
}
