import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { importTemplate } from '../../../src/broker/definitions/cloudformation';
import { mergeDefinitions } from '../../../src/broker/definitions/merge';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  ShopBus:
    Type: AWS::Events::EventBus
    Properties: { Name: shop, Description: the web shop }
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: orders-placed }
  OrderPlaced:
    Type: AWS::Events::Rule
    Properties:
      Name: order-placed
      EventBusName: !Ref ShopBus
      EventPattern:
        source: [shop.orders]
        detail-type: [OrderPlaced]
      Targets:
        - Id: queue
          Arn: !GetAtt OrdersQueue.Arn
        - Id: summary
          Arn: !GetAtt OrdersQueue.Arn
          InputTransformer:
            InputPathsMap: { id: $.detail.orderId }
            InputTemplate: '{"order": <id>}'
        - Id: machine
          Arn: arn:aws:states:us-east-1:000000000000:stateMachine:fulfil
  LegacyRule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !GetAtt ShopBus.Arn
      EventPattern: '{"source": ["legacy"]}'
      State: DISABLED
  Notify:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: notify.handler
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref ShopBus
            Pattern: { detail-type: [OrderPlaced] }
            InputPath: $.detail
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
            Name: nightly-report
            Input: '{"report": "nightly"}'
            Enabled: false
        Later:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 hour) }
`;

describe('CloudFormation/SAM import: EventBridge', () => {
  it('reads AWS::Events::EventBus, AWS::Events::Rule (pattern as YAML or JSON text, targets by resource) and SAM EventBridgeRule and Schedule events', () => {
    const { definitions, notes } = importTemplate(TEMPLATE);
    assert.deepEqual(definitions.buses, [{ name: 'shop', description: 'the web shop' }]);
    assert.deepEqual(definitions.rules, [
      {
        name: 'order-placed',
        bus: 'shop',
        eventPattern: { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] },
        targets: [
          { id: 'queue', queue: 'orders-placed' },
          { id: 'summary', queue: 'orders-placed', inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"order": <id>}' } },
          { id: 'machine', arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fulfil' },
        ],
      },
      { name: 'LegacyRule', bus: 'shop', eventPattern: { source: ['legacy'] }, enabled: false },
      { name: 'NotifyPlaced', bus: 'shop', eventPattern: { 'detail-type': ['OrderPlaced'] }, targets: [{ function: 'Notify', inputPath: '$.detail' }] },
      { name: 'nightly-report', schedule: 'rate(1 day)', enabled: false, targets: [{ function: 'Notify', input: { report: 'nightly' } }] },
    ]);
    assert.ok(notes.includes('Notify.Later: ScheduleV2 events are not an Eventyard event source; skipped.'), notes.join('\n'));
  });

  it('notes a rule with neither a resolvable pattern nor a schedule, and a target whose ARN does not resolve', () => {
    const { definitions, notes } = importTemplate(`
Resources:
  NoPattern:
    Type: AWS::Events::Rule
    Properties: { EventPattern: '{not json' }
  Dangling:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(5 minutes)
      Targets: [{ Id: t, Arn: !GetAtt Missing.Arn }]
`);
    assert.deepEqual(definitions.rules, [{ name: 'Dangling', schedule: 'rate(5 minutes)' }]);
    assert.deepEqual(notes, [
      'NoPattern: its event pattern is not JSON; skipped.',
      'Dangling.Targets[0]: the target ARN undefined could not be resolved; skipped.',
    ]);
  });

  it('produces definitions the schema accepts and the broker provisions, and merges rules by name', async () => {
    const { definitions } = importTemplate(TEMPLATE);
    delete definitions.functions;
    definitions.rules = definitions.rules!.filter((r) => !r.targets?.some((t) => t.function));
    const text = mergeDefinitions('rules:\n  - name: order-placed # mine\n    eventPattern: { source: [mine] }\n', definitions).text;
    assert.match(text, /- name: order-placed # mine/);
    const parsed = parseDefinitions(text);
    assert.deepEqual(parsed.issues, []);
    const broker = new Broker();
    try {
      const { issues } = await applyDefinitions(broker, parsed.definitions!, { baseDir: '/tmp' });
      assert.deepEqual(issues, []);
      assert.deepEqual(broker.eventbridge.listBusSummaries().map((b) => [b.name, b.rules.map((r) => `${r.name} ${r.state}`)]), [
        ['default', ['order-placed ENABLED']],
        ['shop', ['LegacyRule DISABLED']],
      ]);
    } finally {
      broker.dispose();
    }
  });
});
