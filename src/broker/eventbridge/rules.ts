/** Rules: PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, ListRuleNamesByTarget, and the schedules of scheduled rules. */
import { randomUUID } from 'node:crypto';
import type * as api from './api';
import { buildEnvelope } from './envelope';
import { eventsErrors } from './errors';
import type { Rule } from './model';
import { compileEventPattern } from './pattern-compile';
import { nextFireTime, parseScheduleExpression } from './schedule';
import { checkName, DEFAULT_BUS, EventsState, page, pageByName, throwIfViolations } from './state';

const STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

export function describeRule(rule: Rule): api.RuleDescription {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    ...(rule.managedBy !== undefined ? { ManagedBy: rule.managedBy } : {}),
    EventBusName: rule.busName,
  };
}

export function unschedule(rule: Rule): void {
  rule.timer?.cancel();
  rule.timer = undefined;
}

/** Arms (or disarms) a scheduled rule's next firing on the broker's scheduler. */
export function reschedule(s: EventsState, rule: Rule): void {
  unschedule(rule);
  if (!rule.schedule || rule.state === 'DISABLED') return;
  const next = nextFireTime(rule.schedule, s.now(), rule.scheduleStart ?? s.now());
  if (next === undefined) return;
  rule.timer = s.ctx.scheduler.at(next, () => {
    rule.timer = undefined;
    fireSchedule(s, rule, next);
    reschedule(s, rule);
  });
}

/** A scheduled rule's event ("Scheduled Event" from aws.events) goes straight to the rule's targets. */
function fireSchedule(s: EventsState, rule: Rule, at: number): void {
  const event = buildEnvelope({
    id: randomUUID(),
    detailType: 'Scheduled Event',
    source: 'aws.events',
    account: s.ctx.identity.accountId,
    time: at,
    region: s.ctx.identity.region,
    resources: [rule.arn],
    detail: {},
  });
  s.log.add({ at, busName: rule.busName, event, matchedRules: [rule.name] });
  s.emit({ type: 'eventPut', busName: rule.busName, eventId: event.id, source: event.source, detailType: event['detail-type'], matchedRules: [rule.name] });
  for (const target of rule.targets) s.dispatcher.deliver(rule, target, event, at);
}

function guardManaged(rule: Rule, force: boolean | undefined): void {
  if (rule.managedBy && !force) throw eventsErrors.managedRule(rule.name);
}

export function ruleOperations(s: EventsState) {
  const setState = (input: api.RuleRef, state: api.RuleState) => {
    const rule = s.rule(input.Name, input.EventBusName);
    guardManaged(rule, false);
    rule.state = state;
    if (rule.schedule && state !== 'DISABLED') rule.scheduleStart = s.now();
    reschedule(s, rule);
    s.emit({ type: 'ruleChanged', busName: rule.busName, ruleName: rule.name });
    return {};
  };
  return {
    PutRule(input: api.PutRuleInput): { RuleArn: string } {
      const violations = checkName(input.Name, 'name');
      if (input.State !== undefined && !STATES.includes(input.State)) {
        violations.push({ value: input.State, path: 'state', constraint: `Member must satisfy enum value set: [${STATES.join(', ')}]` });
      }
      if (input.EventPattern !== undefined && input.EventPattern.length > 4096) {
        violations.push({ value: input.EventPattern, path: 'eventPattern', constraint: 'Member must have length less than or equal to 4096' });
      }
      throwIfViolations(violations);
      const bus = s.bus(input.EventBusName);
      if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
        throw eventsErrors.validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
      }
      if (input.ScheduleExpression !== undefined && bus.name !== DEFAULT_BUS) {
        throw eventsErrors.validation('ScheduleExpression is supported only on the default event bus.');
      }
      const compiled = input.EventPattern !== undefined ? compileEventPattern(input.EventPattern) : undefined;
      const schedule = input.ScheduleExpression !== undefined ? parseScheduleExpression(input.ScheduleExpression) : undefined;
      const existing = bus.rules.get(input.Name);
      if (existing) guardManaged(existing, false);
      const rule: Rule = existing ?? {
        name: input.Name,
        arn: s.ruleArn(bus.name, input.Name),
        busName: bus.name,
        state: 'ENABLED',
        targets: [],
        tags: [...(input.Tags ?? [])],
        createdBy: s.ctx.identity.accountId,
      };
      // PutRule replaces an existing rule: what the call omits is not kept (State: ENABLED), except targets and tags.
      rule.state = input.State ?? 'ENABLED';
      rule.description = input.Description;
      rule.roleArn = input.RoleArn;
      rule.eventPattern = input.EventPattern;
      rule.compiled = compiled;
      rule.scheduleExpression = input.ScheduleExpression;
      if (schedule && rule.scheduleExpression !== existing?.scheduleExpression) rule.scheduleStart = s.now();
      rule.schedule = schedule;
      if (schedule && rule.scheduleStart === undefined) rule.scheduleStart = s.now();
      bus.rules.set(rule.name, rule);
      bus.index.add(rule);
      reschedule(s, rule);
      s.emit({ type: 'ruleChanged', busName: bus.name, ruleName: rule.name });
      return { RuleArn: rule.arn };
    },

    DescribeRule(input: api.RuleRef): api.DescribeRuleOutput {
      const rule = s.rule(input.Name, input.EventBusName);
      return { ...describeRule(rule), CreatedBy: rule.createdBy };
    },

    ListRules(input: api.ListRulesInput): api.ListRulesOutput {
      const bus = s.bus(input.EventBusName);
      const { items, NextToken } = pageByName(bus.rules.values(), input);
      return { Rules: items.map(describeRule), ...(NextToken ? { NextToken } : {}) };
    },

    EnableRule: (input: api.RuleRef) => setState(input, 'ENABLED'),
    DisableRule: (input: api.RuleRef) => setState(input, 'DISABLED'),

    DeleteRule(input: api.DeleteRuleInput): api.Empty {
      const bus = s.bus(input.EventBusName);
      const rule = bus.rules.get(input.Name);
      if (!rule) return {};
      guardManaged(rule, input.Force);
      if (rule.targets.length) throw eventsErrors.ruleHasTargets();
      unschedule(rule);
      bus.index.remove(rule);
      bus.rules.delete(rule.name);
      s.emit({ type: 'ruleDeleted', busName: bus.name, ruleName: rule.name });
      return {};
    },

    ListRuleNamesByTarget(input: api.ListRuleNamesByTargetInput): api.ListRuleNamesByTargetOutput {
      const bus = s.bus(input.EventBusName);
      const names = [...bus.rules.values()]
        .filter((r) => r.targets.some((t) => t.Arn === input.TargetArn))
        .map((r) => r.name)
        .sort();
      const { items, NextToken } = page(names, input.NextToken, input.Limit);
      return { RuleNames: items, ...(NextToken ? { NextToken } : {}) };
    },
  };
}
