import * as vscode from 'vscode';
import type { Execution } from '../broker/stepfunctions/service';
import type { BrokerHost } from './broker-host';
import { localSnapshot } from './client/local-client';
import type { ResourceSnapshot } from './client/snapshot';
import { Coalescer } from './tree/coalescer';

/**
 * Walkthrough steps that are done by reaching a state rather than by running one command (a dead letter
 * arrived, an HTTP subscriber exists): context keys the steps' `onContext` completion events watch.
 */
const MILESTONES: Record<string, (s: ResourceSnapshot) => boolean> = {
  'eventyard.walkthrough.deadLetter': (s) => s.queues.some((q) => q.sourceQueueNames.length > 0 && q.visible + q.inFlight > 0),
  'eventyard.walkthrough.queueSubscriptions': (s) => s.topics.some((t) => t.subscriptions.filter((x) => x.protocol === 'sqs').length >= 2),
  'eventyard.walkthrough.httpSubscription': (s) => s.topics.some((t) => t.subscriptions.some((x) => x.protocol.startsWith('http'))),
  'eventyard.walkthrough.emailSubscription': (s) => s.topics.some((t) => t.subscriptions.some((x) => x.protocol.startsWith('email'))),
  'eventyard.walkthrough.filterPolicy': (s) => s.topics.some((t) => t.subscriptions.some((x) => !!x.filterPolicy)),
  'eventyard.walkthrough.eventRoutes': (s) => s.buses.some((b) => b.rules.some((r) => !!r.eventPattern && r.targets.length > 0)),
  'eventyard.walkthrough.inputTransformer': (s) => s.buses.some((b) => b.rules.some((r) => r.targets.some((t) => !!t.InputTransformer))),
  'eventyard.walkthrough.scheduledRule': (s) => s.buses.some((b) => b.rules.some((r) => !!r.scheduleExpression && r.targets.length > 0)),
};

/** Step Functions milestones read from executions' histories, which the snapshot does not carry. */
const EXECUTION_MILESTONES: Record<string, (e: Execution) => boolean> = {
  // a .waitForTaskToken task was answered and the execution went on to succeed
  'eventyard.walkthrough.taskAnswered': (e) => e.run.status === 'SUCCEEDED' && e.run.history.events.some((x) => x.type === 'TaskSubmitted'),
  // a task failed, a Catch took it on (its state exited after the failure), and the execution ended failed
  'eventyard.walkthrough.executionCaught': (e) => {
    if (e.run.status !== 'FAILED') return false;
    const types = e.run.history.events.map((x) => x.type);
    const failed = types.findIndex((t) => t === 'TaskFailed' || t === 'LambdaFunctionFailed');
    return failed >= 0 && types.indexOf('TaskStateExited', failed) > failed;
  },
};

export function trackWalkthroughProgress(host: BrokerHost): vscode.Disposable {
  const reached = new Set<string>();
  const check = () => {
    const broker = host.broker;
    if (!broker) return;
    const snapshot = localSnapshot(broker, '');
    for (const [key, test] of Object.entries(MILESTONES)) {
      if (!reached.has(key) && test(snapshot)) {
        reached.add(key);
        void vscode.commands.executeCommand('setContext', key, true);
      }
    }
    for (const [key, test] of Object.entries(EXECUTION_MILESTONES)) {
      if (!reached.has(key) && [...broker.stepfunctions.executions.values()].some(test)) {
        reached.add(key);
        void vscode.commands.executeCommand('setContext', key, true);
      }
    }
  };
  const coalescer = new Coalescer(check, 500);
  let unwatch: (() => void) | undefined;
  const follow = () => {
    unwatch?.();
    unwatch = host.broker?.events.on(() => coalescer.schedule());
  };
  follow();
  const sub = host.onDidChange(follow);
  return { dispose: () => { unwatch?.(); coalescer.dispose(); sub.dispose(); } };
}
