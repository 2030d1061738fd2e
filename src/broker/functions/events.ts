/**
 * What changed in the local functions. Emitted by FunctionsService from its one mutation path; the tree
 * lists functions and mappings, the inspector shows each invocation with its input, output and logs.
 */
import type { InvocationRecord } from './invocations';

export type FunctionEvent =
  | { service: 'functions'; type: 'functionCreated' | 'functionUpdated' | 'functionDeleted'; functionName: string; at: number }
  | {
      service: 'functions';
      type: 'eventSourceMappingCreated' | 'eventSourceMappingUpdated' | 'eventSourceMappingDeleted';
      functionName: string;
      uuid: string;
      eventSourceArn: string;
      at: number;
    }
  | { service: 'functions'; type: 'invocationStarted'; functionName: string; requestId: string; trigger: InvocationRecord['trigger']; at: number }
  | { service: 'functions'; type: 'invocationCompleted'; functionName: string; requestId: string; invocation: InvocationRecord; at: number };
