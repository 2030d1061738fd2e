import { AwsError } from '../errors';

/**
 * Archive and replay errors in AWS's words, as recorded in
 * test/fixtures/aws-reference/events/test_archive_and_replay.snapshot.json (all 400 Sender faults).
 */
export const archiveErrors = {
  archiveExists: (name: string) => new AwsError({ code: 'ResourceAlreadyExistsException', message: `Archive ${name} already exists.` }),
  archiveNotFound: (name: string) => new AwsError({ code: 'ResourceNotFoundException', message: `Archive ${name} does not exist.` }),
  updateNeedsAChange: () =>
    new AwsError({ code: 'ValidationException', message: 'At least one of EventPattern, RetentionDays or Description must be provided.' }),
  replayExists: (name: string) => new AwsError({ code: 'ResourceAlreadyExistsException', message: `Replay ${name} already exists.` }),
  replayNotFound: (name: string) => new AwsError({ code: 'ResourceNotFoundException', message: `Replay ${name} does not exist.` }),
  replayArchiveNotFound: (name: string) =>
    new AwsError({ code: 'ValidationException', message: `Parameter EventSourceArn is not valid. Reason: Archive ${name} does not exist.` }),
  crossBusReplay: () =>
    new AwsError({ code: 'ValidationException', message: 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.' }),
  endBeforeStart: () =>
    new AwsError({ code: 'ValidationException', message: 'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.' }),
  tooManyActiveReplays: () =>
    new AwsError({ code: 'LimitExceededException', message: 'The requested resource exceeds the maximum number allowed.' }),
  // Not in the recordings: AWS's words as other emulators (moto) copied them.
  replayNotCancellable: (name: string) =>
    new AwsError({ code: 'IllegalStatusException', message: `Replay ${name} is not in a valid state for this operation.` }),
  oneListFilter: (action: 'ListArchives' | 'ListReplays') =>
    new AwsError({ code: 'ValidationException', message: `At most one filter is allowed for ${action}. Use either : State, EventSourceArn, or NamePrefix.` }),
};
