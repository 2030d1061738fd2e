import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { parseDefinitions } from '../../../src/broker/definitions/parse';
import { FakeClock } from '../../../src/broker/clock';
import { applyText as apply } from '../support/apply-definitions';


const FILE = `
queues:
  - name: orders-placed
  - name: audit.fifo
    fifo: true
buses:
  - name: shop
    description: the web shop
rules:
  - name: order-placed
    bus: shop
    eventPattern:
      source: [shop.orders]
      detail-type: [OrderPlaced]
    targets:
      - queue: orders-placed
      - queue: audit.fifo
      - id: summary
        queue: orders-placed
        inputTransformer:
          inputPathsMap: { id: $.detail.orderId }
          inputTemplate: '{"order": <id>}'
  - name: nightly
    schedule: rate(1 day)
    enabled: false
    targets:
      - queue: orders-placed
        input: { report: nightly }
`;

describe('workspace definitions: EventBridge buses, rules and targets', () => {
  it('creates the buses, the rules (pattern or schedule, enabled or not) and their targets, and events route through them', async () => {
    const broker = new Broker();
    try {
      const { issues, declared } = await apply(broker, FILE);
      assert.deepEqual(issues, []);
      assert.ok(declared.has('bus:shop') && declared.has('rule:shop|order-placed') && declared.has('rule:default|nightly'));
      const buses = broker.eventbridge.listBusSummaries();
      assert.deepEqual(buses.map((b) => [b.name, b.description, b.rules.map((r) => r.name)]), [['default', undefined, ['nightly']], ['shop', 'the web shop', ['order-placed']]]);
      const placed = buses[1].rules[0];
      assert.deepEqual(JSON.parse(placed.eventPattern!), { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
      assert.deepEqual(placed.targets, [
        { Id: 'orders-placed', Arn: broker.sqs.queueArn('orders-placed') },
        { Id: 'audit.fifo', Arn: broker.sqs.queueArn('audit.fifo'), SqsParameters: { MessageGroupId: 'order-placed' } },
        { Id: 'summary', Arn: broker.sqs.queueArn('orders-placed'), InputTransformer: { InputPathsMap: { id: '$.detail.orderId' }, InputTemplate: '{"order": <id>}' } },
      ]);
      const nightly = buses[0].rules[0];
      assert.equal(nightly.state, 'DISABLED');
      assert.equal(nightly.scheduleExpression, 'rate(1 day)');
      assert.deepEqual(nightly.targets, [{ Id: 'orders-placed', Arn: broker.sqs.queueArn('orders-placed'), Input: '{"report":"nightly"}' }]);

      broker.eventbridge.operations.PutEvents({ Entries: [{ EventBusName: 'shop', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-7"}' }] });
      await broker.eventbridge.settled();
      const bodies = broker.sqs.peek('orders-placed').messages.map((m) => m.body);
      assert.equal(bodies.length, 2);
      assert.ok(bodies.includes('{"order": "o-7"}'), `the input transformer's output arrived: ${bodies.join(' | ')}`);
    } finally {
      broker.dispose();
    }
  });

  it('re-applying an unchanged file puts nothing (a rate schedule keeps counting); a changed one updates rules and targets in place', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const broker = new Broker({ clock });
    try {
      const first = await apply(broker, FILE);
      let changes = 0;
      broker.events.on((e) => {
        if (e.service === 'events') changes++;
      });
      await apply(broker, FILE, first.declared);
      assert.equal(changes, 0, 'nothing changed, nothing was put');
      const changed = FILE.replace('enabled: false', 'enabled: true').replace("      - queue: audit.fifo\n", '');
      const { issues } = await apply(broker, changed, first.declared);
      assert.deepEqual(issues, []);
      const [def, shop] = broker.eventbridge.listBusSummaries();
      assert.equal(def.rules[0].state, 'ENABLED');
      assert.deepEqual(shop.rules[0].targets.map((t) => t.Id), ['orders-placed', 'summary'], 'the target no longer declared was removed');
    } finally {
      broker.dispose();
    }
  });

  it('deletes rules and buses the file no longer declares', async () => {
    const broker = new Broker();
    try {
      const first = await apply(broker, FILE);
      const { issues } = await apply(broker, 'queues:\n  - name: orders-placed\n', first.declared);
      assert.deepEqual(issues, []);
      assert.deepEqual(broker.eventbridge.listBusSummaries().map((b) => [b.name, b.rules.length]), [['default', 0]]);
    } finally {
      broker.dispose();
    }
  });

  it('reports AWS\'s words on the line of the pattern, schedule or target that is wrong, and keeps going', async () => {
    const broker = new Broker();
    try {
      const text = [
        'buses:',
        '  - name: shop',
        'rules:',
        '  - name: bad-pattern',
        '    eventPattern: { source: shop }',
        '  - name: bad-schedule',
        '    schedule: every day',
        '  - name: two-resources',
        '    eventPattern: { source: [a] }',
        '    targets:',
        '      - { queue: q, topic: t }',
        '  - name: schedule-on-shop',
        '    bus: shop',
        '    schedule: rate(1 hour)',
        '  - name: fine',
        '    eventPattern: { source: [a] }',
      ].join('\n');
      const { located } = await apply(broker, text);
      const byLine = located.map((i) => [i.range.start.line, i.code ?? '', i.message.split('\n')[0]]);
      assert.deepEqual(byLine, [
        [4, 'InvalidEventPatternException', 'Event pattern is not valid. Reason: "source" must be an object or an array'],
        [6, 'ValidationException', 'Parameter ScheduleExpression is not valid.'],
        [10, '', 'A target names exactly one of queue, topic, stream, deliveryStream, function, bus or arn.'],
        [13, 'ValidationException', 'ScheduleExpression is supported only on the default event bus.'],
      ]);
      assert.deepEqual(broker.eventbridge.listBusSummaries()[0].rules.map((r) => r.name), ['fine']);
    } finally {
      broker.dispose();
    }
  });

  it('the schema refuses a rule without a name and an unknown target key', () => {
    const { issues } = parseDefinitions('rules:\n  - eventPattern: { source: [a] }\n    targets:\n      - { queues: q }\n');
    assert.deepEqual(issues.map((i) => [i.range.start.line, i.message]), [
      [1, '"0" needs "name".'],
      [3, 'Unknown key "queues"; expected one of id, queue, topic, stream, deliveryStream, function, bus, arn, input, inputPath, inputTransformer, messageGroupId, partitionKeyPath.'],
    ]);
  });
});
