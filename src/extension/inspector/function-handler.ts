import type { FunctionsService } from '../../broker/functions/service';
import type { InvocationRecord, InvocationTrigger } from '../../broker/functions/invocations';
import { commonErrors } from '../../broker/errors';
import type { FunctionDescription, Invocation } from '../../inspector/protocol';

export type FunctionsPort = Pick<FunctionsService, 'get' | 'listInvocations' | 'listEventSourceMappings' | 'invoke'>;

const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

function describeTrigger(t: InvocationTrigger): string {
  switch (t.type) {
    case 'manual':
      return 'invoked by hand';
    case 'sqs':
      return `SQS ${lastSegment(t.eventSourceArn)}`;
    case 'kinesis':
      return `Kinesis ${t.eventSourceArn.slice(t.eventSourceArn.lastIndexOf('/') + 1)} ${t.shardId}`;
    case 'sns':
      return `SNS ${lastSegment(t.topicArn)}${t.attempt > 1 ? ` (attempt ${t.attempt})` : ''}`;
    case 'firehose':
      return `Firehose transform ${t.deliveryStreamArn.slice(t.deliveryStreamArn.lastIndexOf('/') + 1)}`;
    case 'kinesisanalytics':
      return `Kinesis Analytics ${t.applicationArn.slice(t.applicationArn.lastIndexOf('/') + 1)} output`;
    case 's3':
      return `S3 ${t.bucket}/${t.key}${t.attempt > 1 ? ` (attempt ${t.attempt})` : ''}`;
  }
}

const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export function toInvocation(r: InvocationRecord): Invocation {
  const out: Invocation = {
    requestId: r.requestId,
    at: r.startedAt,
    status: r.status,
    durationMs: r.durationMs,
    event: json(r.input),
    logs: r.logs,
    trigger: describeTrigger(r.trigger),
  };
  if (r.initDurationMs !== undefined) out.initDurationMs = r.initDurationMs;
  if (r.output !== undefined) out.result = json(r.output);
  if (r.error) out.error = [`${r.error.errorType}: ${r.error.errorMessage}`, ...(r.error.trace ?? [])].join('\n');
  return out;
}

/** Answers the function inspector: its configuration, recent invocations and invoking it by hand. */
export class FunctionHandler {
  constructor(
    private readonly functions: FunctionsPort,
    private readonly functionName: string,
  ) {}

  describe(): FunctionDescription {
    const f = this.functions.get(this.functionName);
    return {
      name: f.functionName,
      arn: f.functionArn,
      handler: `${f.module} → ${f.handler}`,
      timeoutSeconds: f.timeout,
      triggers: this.functions.listEventSourceMappings({ functionName: f.functionName }).map((m) => m.eventSourceArn),
      invocations: this.functions.listInvocations(f.functionName, 100).map(toInvocation),
    };
  }

  /** The payload must be JSON, as Lambda's Invoke requires. */
  async invoke(payload: string): Promise<Invocation> {
    let event: unknown;
    try {
      event = payload.trim() ? JSON.parse(payload) : {};
    } catch (e) {
      throw commonErrors.invalidParameterValue(
        `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`,
        'InvalidRequestContentException',
      );
    }
    return toInvocation(await this.functions.invoke(this.functionName, event));
  }
}
