import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { ResourceNode } from '../tree/nodes';
import * as rules from '../validation/rules';
import { pickQueue, pickTopic } from './pickers';
import { ask, askTypeAndName, command, notify, pick, requireClient } from './ui';

/** Create topics and subscriptions, publish, unsubscribe, delete. */
export function registerTopicCommands(host: BrokerHost): vscode.Disposable[] {
  return [
    command('eventyard.createTopic', async () => {
      const client = requireClient(host);
      const { fifo, name } = await askTypeAndName('Topic', { standard: 'best-effort order, any subscriber protocol', fifo: 'ordered, deduplicated; SQS subscribers only' }, rules.topicName);
      const { TopicArn } = await client.sns('CreateTopic', { Name: name, Attributes: fifo ? { FifoTopic: 'true' } : {} });
      notify(`created topic ${TopicArn}.`);
    }),

    command('eventyard.createSubscription', async (node?: unknown) => {
      const client = requireClient(host);
      const topic = await pickTopic(client, node);
      const { label: protocol } = await pick('Protocol: how the topic delivers to this subscriber', [
        { label: 'sqs', description: 'a queue of this broker' },
        { label: 'http', description: 'POSTs to a URL (confirm the subscription first)' },
        { label: 'https', description: 'POSTs to a URL' },
        { label: 'email', description: 'kept in the email outbox' },
        { label: 'email-json', description: 'kept in the email outbox, as JSON' },
        { label: 'lambda', description: 'a local function' },
      ]);
      const endpoint = protocol === 'sqs'
        ? (await pickQueue(client, undefined, (q) => q.fifo === topic.fifo)).arn
        : await ask(`Endpoint for ${protocol}`, rules.subscriptionEndpoint(protocol), { placeHolder: protocol.startsWith('http') ? 'http://127.0.0.1:3000/events' : '' });
      const filter = await ask('Filter policy (optional): JSON that a message\'s attributes must match, e.g. {"type": ["order"]}', rules.filterPolicy, { value: '' });
      const attributes: Record<string, string> = {};
      if (filter.trim()) attributes.FilterPolicy = filter;
      if (protocol === 'sqs' || protocol.startsWith('http')) {
        const { raw } = await pick('Raw message delivery?', [
          { label: 'No', description: 'the subscriber gets the SNS envelope (Type, MessageId, Message, ...)', raw: false },
          { label: 'Yes', description: 'the subscriber gets the message body only', raw: true },
        ]);
        if (raw) attributes.RawMessageDelivery = 'true';
      }
      await client.sns('Subscribe', { TopicArn: topic.arn, Protocol: protocol, Endpoint: endpoint, Attributes: attributes, ReturnSubscriptionArn: true });
      notify(`subscribed ${protocol} ${endpoint} to ${topic.name}.`);
    }),

    command('eventyard.publishMessage', async (node?: unknown) => {
      const client = requireClient(host);
      const topic = await pickTopic(client, node);
      const message = await ask(`Message for ${topic.name}`, (v) => (v ? undefined : 'SNS messages must not be empty.'), { value: '{"hello":"world"}' });
      const attributesJson = await ask('Message attributes (optional), as name: value, e.g. {"type": "order"}; filter policies match on these', (v) => (v.trim() ? rules.jsonObject('Message attributes')(v) : undefined), { value: '' });
      const MessageAttributes = Object.fromEntries(Object.entries(attributesJson.trim() ? (JSON.parse(attributesJson) as Record<string, unknown>) : {}).map(([k, v]) => [
        k, typeof v === 'number' ? { DataType: 'Number', StringValue: String(v) } : { DataType: 'String', StringValue: String(v) },
      ]));
      const { MessageId } = await client.sns('Publish', {
        TopicArn: topic.arn, Message: message, MessageAttributes,
        ...(topic.fifo ? { MessageGroupId: 'default', MessageDeduplicationId: `${Date.now()}` } : {}),
      });
      notify(`published ${MessageId} to ${topic.name}.`);
    }),

    command('eventyard.deleteSubscription', async (node?: ResourceNode) => {
      const client = requireClient(host);
      if (node?.kind !== 'subscription') throw new Error('Choose a subscription in the Resources view.');
      await client.sns('Unsubscribe', { SubscriptionArn: node.subscription.arn });
      notify(`unsubscribed ${node.subscription.endpoint} from ${node.topic.name}.`);
    }),

    command('eventyard.deleteTopic', async (node?: unknown) => {
      const client = requireClient(host);
      const topic = await pickTopic(client, node);
      const ok = await vscode.window.showWarningMessage(`Delete topic ${topic.name} and its ${topic.subscriptions.length} subscriptions?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return;
      await client.sns('DeleteTopic', { TopicArn: topic.arn });
      notify(`deleted topic ${topic.name}.`);
    }),
  ];
}
