/**
 * What changed in Step Functions, emitted by StepFunctionsService: state machines created, updated,
 * deleted or retagged, and each execution's progress (a new history event or a new status).
 */
export type StepFunctionsEvent =
  | { service: 'states'; type: 'stateMachineCreated' | 'stateMachineUpdated' | 'stateMachineDeleted' | 'tagsChanged'; stateMachineArn: string; at: number }
  | {
      service: 'states';
      type: 'executionChanged';
      stateMachineArn: string;
      executionArn: string;
      status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
      /** How many history events the execution has recorded so far. */
      historyLength: number;
      at: number;
    }
  /** Forgotten by a reset (AWS keeps ended executions for 90 days; the broker until a reset). */
  | { service: 'states'; type: 'executionDeleted'; executionArn: string; at: number };
