/** Targets: PutTargets, RemoveTargets, ListTargetsByRule (at most 5 targets a rule). */
import type * as api from './api';
import { constraints, eventsErrors, type ConstraintViolation } from './errors';
import { validateTargetInput } from './input-transform';
import { throwIfViolations, EventsState, page } from './state';

const MAX_TARGETS = 5;
const TARGET_ID = /^[.\-_A-Za-z0-9]+$/;

export function targetOperations(s: EventsState) {
  return {
    PutTargets(input: api.PutTargetsInput): api.PutTargetsOutput {
      const violations: ConstraintViolation[] = [];
      (input.Targets ?? []).forEach((t, i) => {
        const path = `targets.${i + 1}.member.id`;
        if (!TARGET_ID.test(t.Id ?? '')) violations.push({ value: t.Id, path, constraint: constraints.namePattern });
        if ((t.Id ?? '').length > 64) violations.push({ value: t.Id, path, constraint: constraints.maxLength(64) });
      });
      throwIfViolations(violations);
      const rule = s.rule(input.Rule, input.EventBusName);
      for (const t of input.Targets) {
        validateTargetInput(t.Id, t);
        if (t.Arn.endsWith('.fifo') && t.Arn.includes(':sqs:') && !t.SqsParameters?.MessageGroupId) {
          throw eventsErrors.validation(`Parameter(s) SqsParameters must be specified for target: ${t.Id}.`);
        }
      }
      const ids = new Set(input.Targets.map((t) => t.Id));
      const kept = rule.targets.filter((t) => !ids.has(t.Id));
      // The same Id twice in one call: the last one wins, as AWS keeps one target per Id.
      const added = [...new Map(input.Targets.map((t) => [t.Id, { ...t }])).values()];
      if (kept.length + added.length > MAX_TARGETS) throw eventsErrors.limitExceeded();
      rule.targets = [...kept, ...added];
      s.emit({ type: 'targetsChanged', busName: rule.busName, ruleName: rule.name });
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    RemoveTargets(input: api.RemoveTargetsInput): api.RemoveTargetsOutput {
      const rule = s.rule(input.Rule, input.EventBusName);
      if (rule.managedBy && !input.Force) throw eventsErrors.managedRule(rule.name);
      const ids = new Set(input.Ids);
      rule.targets = rule.targets.filter((t) => !ids.has(t.Id));
      s.emit({ type: 'targetsChanged', busName: rule.busName, ruleName: rule.name });
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    ListTargetsByRule(input: api.ListTargetsByRuleInput): api.ListTargetsByRuleOutput {
      const rule = s.rule(input.Rule, input.EventBusName);
      const { items, NextToken } = page(rule.targets, input.NextToken, input.Limit);
      return { Targets: items.map((t) => ({ ...t })), ...(NextToken ? { NextToken } : {}) };
    },
  };
}
