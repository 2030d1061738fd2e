/** Event buses: CreateEventBus, UpdateEventBus, DescribeEventBus, ListEventBuses, DeleteEventBus, and the bus's resource policy (PutPermission, RemovePermission). */
import type * as api from './api';
import { eventsErrors } from './errors';
import { tooDeep } from './json-depth';
import type { EventBus, PolicyStatement } from './model';
import { unschedule } from './rules';
import { busName, checkName, DEFAULT_BUS, EventsState, pageByName, throwIfViolations } from './state';

export function describeBus(bus: EventBus): api.EventBusDescription {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined ? { Description: bus.description } : {}),
    ...(bus.statements.length ? { Policy: policyDocument(bus) } : {}),
    CreationTime: new Date(bus.created),
    LastModifiedTime: new Date(bus.modified),
  };
}

function policyDocument(bus: EventBus): string {
  return JSON.stringify({ Version: bus.policyVersion ?? '2012-10-17', Statement: bus.statements });
}

export function busOperations(s: EventsState) {
  return {
    CreateEventBus(input: api.CreateEventBusInput): api.CreateEventBusOutput {
      throwIfViolations(checkName(input.Name, 'name', 256));
      if (s.buses.has(input.Name)) throw eventsErrors.busExists(input.Name);
      const bus = s.addBus(input.Name, input.Description);
      bus.tags = [...(input.Tags ?? [])];
      s.emit({ type: 'busCreated', busName: bus.name });
      return { EventBusArn: bus.arn, ...(input.Description !== undefined ? { Description: input.Description } : {}) };
    },

    UpdateEventBus(input: api.UpdateEventBusInput): api.UpdateEventBusOutput {
      const bus = s.bus(input.Name);
      if (input.Description !== undefined) bus.description = input.Description;
      bus.modified = s.now();
      s.emit({ type: 'busChanged', busName: bus.name });
      return { Arn: bus.arn, Name: bus.name, ...(bus.description !== undefined ? { Description: bus.description } : {}) };
    },

    DescribeEventBus(input: { Name?: string }): api.EventBusDescription {
      return describeBus(s.bus(input.Name));
    },

    ListEventBuses(input: api.ListEventBusesInput): api.ListEventBusesOutput {
      const { items, NextToken } = pageByName(s.buses.values(), input);
      return { EventBuses: items.map(describeBus), ...(NextToken ? { NextToken } : {}) };
    },

    DeleteEventBus(input: { Name: string }): api.Empty {
      const name = busName(input.Name);
      if (name === DEFAULT_BUS) throw eventsErrors.cannotDeleteDefaultBus();
      const bus = s.bus(name);
      for (const rule of bus.rules.values()) unschedule(rule);
      s.buses.delete(name);
      s.emit({ type: 'busDeleted', busName: name });
      return {};
    },

    PutPermission(input: api.PutPermissionInput): api.Empty {
      const bus = s.bus(input.EventBusName);
      if (input.Policy !== undefined) {
        let policy: { Version?: string; Statement?: PolicyStatement[] | PolicyStatement };
        try {
          if (tooDeep(input.Policy)) throw new Error('too deep');
          policy = JSON.parse(input.Policy) as typeof policy;
        } catch {
          throw eventsErrors.invalidParameter('Policy');
        }
        const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
        bus.statements = statements;
        bus.policyVersion = policy.Version;
      } else {
        if (!input.StatementId || !input.Principal) throw eventsErrors.validation('Parameter(s) Principal, StatementId must be specified.');
        const principal = input.Principal === '*' ? '*' : { AWS: `arn:aws:iam::${input.Principal}:root` };
        const statement: PolicyStatement = {
          Sid: input.StatementId,
          Effect: 'Allow',
          Principal: principal,
          Action: input.Action ?? 'events:PutEvents',
          Resource: bus.arn,
          ...(input.Condition ? { Condition: { StringEquals: { [input.Condition.Key]: input.Condition.Value } } } : {}),
        };
        bus.statements = [...bus.statements.filter((st) => st.Sid !== input.StatementId), statement];
      }
      bus.modified = s.now();
      s.emit({ type: 'busChanged', busName: bus.name });
      return {};
    },

    RemovePermission(input: api.RemovePermissionInput): api.Empty {
      const bus = s.bus(input.EventBusName);
      if (input.RemoveAllPermissions) {
        bus.statements = [];
      } else {
        const kept = bus.statements.filter((st) => st.Sid !== input.StatementId);
        if (kept.length === bus.statements.length) throw eventsErrors.statementNotFound();
        bus.statements = kept;
      }
      bus.modified = s.now();
      s.emit({ type: 'busChanged', busName: bus.name });
      return {};
    },
  };
}
