import { compileEventPattern } from '../../../broker/eventbridge/pattern-compile';
import { parseTestEvent } from '../../../broker/eventbridge/put-events';
import type { BusDescription, BusExplanation, PatternTestRequest, PatternTestResult, PutEventRequest } from '../../../inspector/protocol';
import { remoteBus } from '../../client/remote-client';
import { busDescription } from '../bus-description';
import { judgeRules, patternResults } from '../pattern-verdicts';
import { putEventId, putEventsInput } from '../send-entries';
import { RequestFailure } from '../session';
import type { ConnectionAccess } from './connection-access';

/** Why a connection's bus has no event log: said by the view, and by the requests if asked. */
export const NO_EVENT_LOG =
  'EventBridge keeps no record a client can read of the events a bus received or what its targets got: the event log exists only on the local broker, which routes the events itself. On a connection, paste an event to see which rules match it, or archive the bus (or add a rule with a log target) to keep what it receives.';

/**
 * The event bus inspector on a connection: the bus's rules with their patterns and targets and its
 * archives (DescribeEventBus, ListRules, ListTargetsByRule, ListArchives, DescribeArchive); every rule's
 * verdict on a pasted event and the pattern sandbox, judged here by the engine's compiler and matcher
 * (so a miss names its first failing field; nothing is sent); PutEvents with writes enabled.
 */
export class RemoteBusHandler {
  constructor(
    private readonly access: ConnectionAccess,
    private readonly busName: string,
  ) {}

  async describe(): Promise<BusDescription> {
    const client = this.access.client();
    return busDescription(await remoteBus(client, await client.events('DescribeEventBus', { Name: this.busName })));
  }

  /** Every rule's verdict on a pasted event (TestEventPattern's envelope required, as locally). */
  async explain(params: { eventId: string } | { event: string }): Promise<BusExplanation> {
    if ('eventId' in params) throw new RequestFailure('NotSupportedOnConnection', NO_EVENT_LOG);
    const event = parseTestEvent(params.event);
    const { rules } = await this.describe();
    return { event: JSON.stringify(event, null, 2), verdicts: judgeRules(rules, event) };
  }

  /** A pattern on a pasted event: the bus's recent events are not to be had from the API. */
  testPattern(request: PatternTestRequest): PatternTestResult {
    const pattern = compileEventPattern(request.pattern);
    if (request.event === undefined) throw new RequestFailure('NotSupportedOnConnection', NO_EVENT_LOG);
    return patternResults(pattern, [{ event: parseTestEvent(request.event) }]);
  }

  async put(request: PutEventRequest): Promise<{ eventId: string }> {
    return putEventId(await this.access.writable().events('PutEvents', putEventsInput(this.busName, request)));
  }
}
