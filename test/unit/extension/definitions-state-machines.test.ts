import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { importTemplate } from '../../../src/broker/definitions/cloudformation';
import { parseDefinitions } from '../../../src/broker/definitions/parse';
import { applyText as apply } from '../support/apply-definitions';

const FILE = `
queues:
  - name: sm-approvals
stateMachines:
  - name: orders-flow
    definition:
      StartAt: Notify
      States:
        Notify:
          Type: Task
          Resource: arn:aws:states:::sqs:sendMessage
          Parameters: { QueueUrl: '\${QueueUrl}', MessageBody: { 'order.$': '$' } }
          End: true
    definitionSubstitutions:
      QueueUrl: http://127.0.0.1:4566/000000000000/sm-approvals
  - name: quick
    type: EXPRESS
    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }
`;

describe('workspace definitions: Step Functions state machines', () => {
  it('creates state machines with their substitutions, runs them, updates a changed one and deletes a dropped one', async () => {
    const broker = new Broker();
    try {
      const first = await apply(broker, FILE);
      assert.deepEqual(first.issues, []);
      assert.ok(first.declared.has('stateMachine:orders-flow') && first.declared.has('stateMachine:quick'));
      const machines = broker.stepfunctions.listStateMachineSummaries();
      assert.deepEqual(machines.map((m) => [m.name, m.type]), [['orders-flow', 'STANDARD'], ['quick', 'EXPRESS']]);
      const flow = broker.stepfunctions.operations.DescribeStateMachine({ stateMachineArn: machines[0].arn });
      assert.equal(JSON.parse(flow.definition).States.Notify.Parameters.QueueUrl, 'http://127.0.0.1:4566/000000000000/sm-approvals');
      const { executionArn } = broker.stepfunctions.operations.StartExecution({ stateMachineArn: machines[0].arn, input: '{"id":1}' });
      await broker.stepfunctions.settled();
      assert.equal(broker.stepfunctions.operations.DescribeExecution({ executionArn }).status, 'SUCCEEDED');
      assert.equal(broker.sqs.peek('sm-approvals').messages[0].body, '{"order":{"id":1}}');

      const changed = FILE.replace('End: true\n    definitionSubstitutions', 'End: true\n    roleArn: arn:aws:iam::000000000000:role/orders\n    definitionSubstitutions').replace(/ {2}- name: quick[\s\S]*$/, '');
      const second = await apply(broker, changed, first.declared);
      assert.deepEqual(second.issues, []);
      assert.deepEqual(broker.stepfunctions.listStateMachineSummaries().map((m) => m.name), ['orders-flow'], 'the dropped machine is deleted');
      assert.equal(broker.stepfunctions.operations.DescribeStateMachine({ stateMachineArn: machines[0].arn }).roleArn, 'arn:aws:iam::000000000000:role/orders');
    } finally {
      broker.dispose();
    }
  });

  it('puts AWS\'s InvalidDefinition on the definition\'s line, and refuses a type change and a file outside the folder', async () => {
    const broker = new Broker();
    try {
      const text = 'stateMachines:\n  - name: broken\n    definition: { StartAt: Nowhere, States: { P: { Type: Pass, End: true } } }\n';
      const { located } = await apply(broker, text);
      assert.equal(located.length, 1);
      assert.equal((located[0] as { code?: string }).code, 'InvalidDefinition');
      assert.match(located[0].message, /MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at \/StartAt/);
      assert.equal((located[0] as unknown as { range: { start: { line: number } } }).range.start.line, 2, 'on the definition line');

      await apply(broker, 'stateMachines:\n  - name: typed\n    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }\n');
      const retyped = await apply(broker, 'stateMachines:\n  - name: typed\n    type: EXPRESS\n    definition: { StartAt: P, States: { P: { Type: Pass, End: true } } }\n');
      assert.match(retyped.issues[0].message, /is STANDARD; a state machine's type cannot change/);

      const outside = await apply(broker, 'stateMachines:\n  - name: away\n    definitionFile: ../elsewhere.asl.json\n');
      assert.match(outside.issues[0].message, /outside the folder of the definitions file/);
    } finally {
      broker.dispose();
    }
  });

  it('reads a definitionFile in YAML relative to the definitions file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ey-sm-'));
    const broker = new Broker();
    try {
      fs.writeFileSync(path.join(dir, 'flow.asl.yaml'), 'StartAt: P\nStates:\n  P:\n    Type: Pass\n    Result: ${Greeting}\n    End: true\n');
      const parsed = parseDefinitions('stateMachines:\n  - name: from-file\n    definitionFile: flow.asl.yaml\n    definitionSubstitutions: { Greeting: "hello \\"you\\"" }\n');
      assert.deepEqual(parsed.issues, []);
      const result = await applyDefinitions(broker, parsed.definitions!, { baseDir: dir });
      assert.deepEqual(result.issues, []);
      const [m] = broker.stepfunctions.listStateMachineSummaries();
      const { executionArn } = broker.stepfunctions.operations.StartExecution({ stateMachineArn: m.arn });
      await broker.stepfunctions.settled();
      assert.equal(broker.stepfunctions.operations.DescribeExecution({ executionArn }).output, '"hello \\"you\\""');
    } finally {
      broker.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports AWS::StepFunctions::StateMachine and AWS::Serverless::StateMachine from a template', () => {
    const template = `
Resources:
  Approvals:
    Type: AWS::SQS::Queue
  Orders:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: orders
      StateMachineType: EXPRESS
      RoleArn: arn:aws:iam::000000000000:role/sfn
      DefinitionString: !Sub '{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"\${Approvals}","MessageBody":"\${Note}"},"End":true}}}'
      DefinitionSubstitutions:
        Note: !GetAtt Approvals.QueueName
  Sam:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/sam.asl.json
      DefinitionSubstitutions:
        Target: !Ref Orders
  Inline:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: inline
      Type: STANDARD
      Definition:
        StartAt: P
        States: { P: { Type: Pass, End: true } }
  InS3:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionS3Location: { Bucket: b, Key: k }
`;
    const { definitions, notes } = importTemplate(template);
    assert.deepEqual(definitions.stateMachines, [
      {
        name: 'orders',
        type: 'EXPRESS',
        definition: { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'http://sqs.us-east-1.localhost/000000000000/Approvals', MessageBody: '${Note}' }, End: true } } },
        definitionSubstitutions: { Note: 'Approvals' },
        roleArn: 'arn:aws:iam::000000000000:role/sfn',
      },
      { name: 'Sam', definitionFile: 'statemachine/sam.asl.json', definitionSubstitutions: { Target: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders' } },
      { name: 'inline', type: 'STANDARD', definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } },
    ]);
    assert.ok(notes.some((n) => /^InS3: its definition is in S3 \(DefinitionS3Location\)/.test(n)), notes.join('\n'));
    assert.deepEqual(parseDefinitions(JSON.stringify(definitions)).issues, [], 'the import matches the schema');
  });
});
