import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { histories, recordedInput, sameHistory, snapshot, template, type RecordedEvent } from './recorded';

/**
 * `.waitForTaskToken` executions recorded against AWS (test_callback.snapshot.json), replayed: the queue or
 * topic the recorded input named is made here, and where the recording shows the user's app answering
 * (TaskSucceeded, TaskFailed after TaskSubmitted) the replay answers the same through SendTaskSuccess or
 * SendTaskFailure with the token the task sent; where it shows a timeout, the fake clock moves on.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const CASES: { file?: string; test: string; template: string; adjust?: (definition: Record<string, any>) => void }[] = [
  { test: 'test_sqs_wait_for_task_token', template: 'sqs_wait_for_task_token' },
  { test: 'test_sqs_wait_for_task_token_timeout', template: 'sqs_wait_for_task_token_with_timeout' },
  { test: 'test_sqs_failure_in_wait_for_task_token', template: 'sqs_wait_for_task_token' },
  { test: 'test_sns_publish_wait_for_task_token', template: 'sns_publish_wait_for_task_token' },
  { test: 'test_sqs_wait_for_task_token_call_chain', template: 'sqs_wait_for_task_token_call_chain' },
  { test: 'test_sqs_wait_for_task_token_no_token_parameter', template: 'sqs_wait_for_task_token_no_token_parameter' },
  { file: 'timeouts/test_heartbeats.snapshot.json', test: 'test_heartbeat_timeout', template: 'timeouts/service_sqs_send_and_wait_for_task_token_with_heartbeat' },
  { file: 'timeouts/test_heartbeats.snapshot.json', test: 'test_heartbeat_path_timeout', template: 'timeouts/service_sqs_send_and_wait_for_task_token_with_heartbeat_path' },
  {
    file: 'timeouts/test_heartbeats.snapshot.json',
    test: 'test_heartbeat_no_timeout',
    template: 'timeouts/service_sqs_send_and_wait_for_task_token_with_heartbeat',
    adjust: (d) => delete d.States.SendMessageWithWait.TimeoutSeconds,
  },
  // not replayed: ..._no_error_field[SQS_PARALLEL_WAIT_FOR_TASK_TOKEN], where AWS records TaskStateAborted for
  // the sibling branch's waiting task when the Parallel fails; this broker does not abort it yet
  { test: 'test_sqs_failure_in_wait_for_task_tok_no_error_field[SQS_WAIT_FOR_TASK_TOKEN_CATCH]', template: 'sqs_wait_for_task_token_catch' },
];

const TOKEN = /[A-Za-z0-9_-]{64}/;
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

async function replay(events: RecordedEvent[], definition: unknown): Promise<Record<string, unknown>[]> {
  const clock = new FakeClock();
  const broker = new Broker({ clock });
  try {
    const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'callbacks' });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'callbacks' });
    const input = { ...(recordedInput(events) as Record<string, unknown>) };
    if ('QueueUrl' in input) input.QueueUrl = QueueUrl;
    if ('TopicArn' in input) input.TopicArn = TopicArn;
    const sfn = broker.stepfunctions.operations;
    const { stateMachineArn } = sfn.CreateStateMachine({ name: 'callbacks', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/sfn' });
    const { executionArn } = sfn.StartExecution({ stateMachineArn, input: JSON.stringify(input) });
    const run = broker.stepfunctions.executions.get(executionArn)!.run;
    const answered = new Set<number>();
    for (let i = 0; i < 10_000 && run.status === 'RUNNING'; i++) {
      await new Promise((r) => setImmediate(r));
      const ours = run.history.events;
      // The app answers a submitted task the way the recording shows it answered at that point.
      const submitted = ours.findIndex((e, n) => e.type === 'TaskSubmitted' && !answered.has(n));
      const next = submitted >= 0 ? events[submitted + 1] : undefined;
      if (submitted >= 0 && (next?.type === 'TaskSucceeded' || next?.type === 'TaskFailed')) {
        answered.add(submitted);
        const scheduled = [...ours.slice(0, submitted)].reverse().find((e) => e.type === 'TaskScheduled')!;
        const token = TOKEN.exec(String((scheduled.taskScheduledEventDetails as { parameters: string }).parameters))![0];
        if (next.type === 'TaskSucceeded') sfn.SendTaskSuccess({ taskToken: token, output: text((next.taskSucceededEventDetails as { output: unknown }).output) });
        else {
          const { error, cause } = next.taskFailedEventDetails as { error?: string; cause?: unknown };
          sfn.SendTaskFailure({ taskToken: token, ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause: text(cause) } : {}) });
        }
        continue;
      }
      if (run.status === 'RUNNING') clock.advance(1000);
    }
    return sfn.GetExecutionHistory({ executionArn, maxResults: 1000 }).events;
  } finally {
    broker.dispose();
  }
}

describe('Step Functions callback executions recorded against AWS', () => {
  for (const c of CASES) {
    const entry = Object.entries(snapshot(c.file ?? 'callback/test_callback.snapshot.json')).find(([key]) => key.split('::').pop() === c.test)![1];
    const recorded = histories(entry['recorded-content']);
    const file = c.template.includes('/') ? `${c.template}.json` : `callbacks/${c.template}.json`;
    it(`${c.test}: ${recorded.length} execution(s) (${file})`, async () => {
      for (const events of recorded) {
        const definition = template(file);
        c.adjust?.(definition);
        sameHistory(events, await replay(events, definition));
      }
    });
  }
});
