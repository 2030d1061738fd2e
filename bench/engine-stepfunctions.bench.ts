/**
 * Step Functions in-process: executions per CPU-second of a 10-state workflow whose Map runs 100 items
 * (JSONPath, and the same workflow in JSONata), and what one ended execution keeps: its history events,
 * their size as GetExecutionHistory's JSON, and the heap it holds (after a full GC, over N executions).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Broker } from '../src/broker/broker';
import { cpuStopwatch, emit, main, progress, quick, repeat, row } from './lib/harness';

const RUNS = quick ? 3 : 5;
const EXECUTIONS = quick ? 100 : 400;
const ITEMS = 100;

/** Ten states: paths, intrinsics, two Choices, a Map of 100, an SQS task, a Wait, a Succeed. */
function jsonPathWorkflow(queueUrl: string) {
  return {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Parameters: { 'items.$': `States.ArrayRange(1, ${ITEMS}, 1)`, 'order.$': '$.order' }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.order', IsPresent: true, Next: 'Each' }], Default: 'Done' },
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, $)' }, End: true } } },
        ResultPath: '$.doubled',
        Next: 'Count',
      },
      Count: { Type: 'Pass', Parameters: { 'count.$': 'States.ArrayLength($.doubled)', 'order.$': '$.order' }, Next: 'Notify' },
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: queueUrl, 'MessageBody.$': '$' }, ResultPath: null, Next: 'Decide' },
      Decide: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericEquals: ITEMS, Next: 'Tag' }], Default: 'Done' },
      Tag: { Type: 'Pass', Result: 'complete', ResultPath: '$.status', Next: 'Settle' },
      Settle: { Type: 'Wait', Seconds: 0, Next: 'Shape' },
      Shape: { Type: 'Pass', OutputPath: '$.status', Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };
}

function jsonataWorkflow(queueUrl: string) {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { order: '{% $states.input.order %}' }, Output: { items: `{% [1..${ITEMS}] %}` }, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Condition: '{% $exists($order) %}', Next: 'Each' }], Default: 'Done' },
      Each: {
        Type: 'Map',
        Items: '{% $states.input.items %}',
        ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Pass', Output: { v: '{% $states.input * 2 %}' }, End: true } } },
        Next: 'Count',
      },
      Count: { Type: 'Pass', Output: { count: '{% $count($states.input) %}', order: '{% $order %}' }, Next: 'Notify' },
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Arguments: { QueueUrl: queueUrl, MessageBody: '{% $states.input %}' }, Output: '{% $states.input %}', Next: 'Decide' },
      Decide: { Type: 'Choice', Choices: [{ Condition: `{% $states.input.count = ${ITEMS} %}`, Next: 'Tag' }], Default: 'Done' },
      Tag: { Type: 'Pass', Output: '{% $merge([$states.input, {"status": "complete"}]) %}', Next: 'Settle' },
      Settle: { Type: 'Wait', Seconds: 0, Next: 'Shape' },
      Shape: { Type: 'Pass', Output: '{% $states.input.status %}', Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };
}

interface Figures {
  perCpuSecond: number;
  events: number;
  historyBytes: number;
  heapBytes: number;
}

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

async function once(language: 'JSONPath' | 'JSONata'): Promise<Figures> {
  const broker = new Broker();
  const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'bench' });
  const definition = JSON.stringify(language === 'JSONata' ? jsonataWorkflow(QueueUrl) : jsonPathWorkflow(QueueUrl));
  const sfn = broker.stepfunctions.operations;
  const { stateMachineArn } = sfn.CreateStateMachine({ name: 'bench', definition, roleArn: 'arn:aws:iam::000000000000:role/bench' });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const elapsed = cpuStopwatch();
  const arns: string[] = [];
  for (let i = 0; i < EXECUTIONS; i++) arns.push(sfn.StartExecution({ stateMachineArn, input: JSON.stringify({ order: `o-${i}` }) }).executionArn);
  await broker.stepfunctions.settled();
  const perCpuSecond = EXECUTIONS / elapsed();
  gc();
  const heapBytes = (process.memoryUsage().heapUsed - heapBefore) / EXECUTIONS;
  const first = sfn.DescribeExecution({ executionArn: arns[0] });
  if (first.status !== 'SUCCEEDED' || first.output !== '"complete"') throw new Error(`${language}: ${first.status} ${first.cause ?? first.output}`);
  const history = sfn.GetExecutionHistory({ executionArn: arns[0], maxResults: 1000 });
  let events = history.events.length;
  let next = history.nextToken;
  while (next) {
    const page = sfn.GetExecutionHistory({ executionArn: arns[0], maxResults: 1000, nextToken: next });
    events += page.events.length;
    next = page.nextToken;
  }
  const historyBytes = Buffer.byteLength(JSON.stringify(broker.stepfunctions.executions.get(arns[0])!.run.history.events));
  broker.dispose();
  return { perCpuSecond, events, historyBytes, heapBytes };
}

main(async () => {
  const rows = [];
  for (const language of ['JSONPath', 'JSONata'] as const) {
    const figures: Figures[] = [];
    await repeat(RUNS, `stepfunctions ${language}`, async () => {
      const f = await once(language);
      figures.push(f);
      return f.perCpuSecond;
    });
    const label = `engine stepfunctions 10 states, Map of ${ITEMS} (${language})`;
    rows.push(row(label, 'executions per CPU-second', 'exec/s', figures.map((f) => f.perCpuSecond)));
    rows.push(row(label, 'history events per execution', 'events', figures.map((f) => f.events)));
    rows.push(row(label, 'history size per execution (JSON)', 'bytes', figures.map((f) => f.historyBytes)));
    rows.push(row(label, 'heap held per ended execution', 'bytes', figures.map((f) => f.heapBytes)));
    progress(`${language}: ${figures[0].events} events, ${figures[0].historyBytes} bytes of history`);
  }
  emit('engine-stepfunctions', rows);
});
