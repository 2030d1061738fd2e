import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { AwsError } from '../../../src/broker/errors';
import type { SqsEvent } from '../../../src/broker/sqs/events';

/** A broker on a fake clock, with every SQS event it emits collected. */
export function setup(options: { endpoint?: string; collectEvents?: boolean } = {}) {
  const clock = new FakeClock();
  const broker = new Broker({ clock, endpoint: options.endpoint });
  const events: SqsEvent[] = [];
  if (options.collectEvents !== false) {
    broker.events.on((e) => {
      if (e.service === 'sqs') events.push(e as SqsEvent);
    });
  }
  const ops = broker.sqs.operations;
  const createQueue = (QueueName: string, Attributes?: Record<string, string>) =>
    ops.CreateQueue({ QueueName, Attributes }).QueueUrl;
  return { clock, broker, sqs: broker.sqs, ops, events, createQueue };
}

export interface ExpectedError {
  code: string;
  queryCode?: string;
  message: string;
  queryMessage?: string;
  status?: number;
}

function check(e: unknown, expected: ExpectedError): void {
  assert.ok(e instanceof AwsError, `expected an AwsError, got ${String(e)}`);
  assert.equal(e.code, expected.code);
  assert.equal(e.queryCode, expected.queryCode ?? expected.code);
  assert.equal(e.message, expected.message);
  assert.equal(e.queryMessage, expected.queryMessage ?? expected.message);
  assert.equal(e.status, expected.status ?? 400);
}

/** Asserts that `fn` fails (by throwing or by rejecting) with exactly this AWS error. */
export async function expectAwsError(fn: () => unknown, expected: ExpectedError): Promise<void> {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    check(e, expected);
    return;
  }
  if (result instanceof Promise) {
    try {
      await result;
    } catch (e) {
      check(e, expected);
      return;
    }
  }
  assert.fail(`expected ${expected.code} but the call succeeded`);
}

/** The shorthands of the errors the snapshot shows most often. */
export const invalidParameterValue = (message: string): ExpectedError => ({
  code: 'InvalidParameterValueException',
  queryCode: 'InvalidParameterValue',
  message,
});

export const queueDoesNotExist: ExpectedError = {
  code: 'QueueDoesNotExist',
  queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
  message: 'The specified queue does not exist.',
  queryMessage: 'The specified queue does not exist for this wsdl version.',
};

export const SECOND = 1000;
