import type { Deadline } from '../scheduler';
import type { RuleState, Tag, Target } from './api';
import type { CompiledEventPattern, PatternField } from './pattern-compile';
import type { Schedule } from './schedule';

export type { PolicyStatement } from './saved';
import type { BusRecord } from './saved';

/** A bus as the engine holds it: what is saved (saved.ts), its rules and their index. */
export interface EventBus extends BusRecord {
  rules: Map<string, Rule>;
  index: RuleIndex;
}

export interface Rule {
  name: string;
  arn: string;
  busName: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  managedBy?: string;
  eventPattern?: string;
  compiled?: CompiledEventPattern;
  scheduleExpression?: string;
  schedule?: Schedule;
  /** When the schedule started counting (rate schedules fire every period from here). */
  scheduleStart?: number;
  timer?: Deadline;
  targets: Target[];
  tags: Tag[];
  createdBy: string;
  /** The archive a managed archive rule feeds (./archives.ts). */
  archiveName?: string;
}

/** A bus and a rule as the store keeps them (./persistence.ts): no index, no compiled forms, no timer. */
export type SavedBus = Omit<EventBus, 'rules' | 'index'>;
export type SavedRule = Omit<Rule, 'compiled' | 'schedule' | 'timer'>;

/** Envelope members rules are indexed by when their pattern asks for exact values of them. */
const INDEX_PATHS = ['source', 'detail-type'] as const;

/**
 * The rules of one bus, indexed so that matching an event does not test every rule: a rule whose every
 * `$or` alternative asks for exact string values of `source` (or else `detail-type`) is filed under those
 * values; only the others are tested against every event.
 */
export class RuleIndex {
  private byValue = new Map<string, Map<string, Set<Rule>>>(INDEX_PATHS.map((p) => [p, new Map()]));
  private unindexed = new Set<Rule>();
  private placed = new Map<Rule, { path: string; values: string[] } | undefined>();

  add(rule: Rule): void {
    this.remove(rule);
    const place = rule.compiled ? indexPlace(rule.compiled.alternatives) : undefined;
    this.placed.set(rule, place);
    if (!place) {
      this.unindexed.add(rule);
      return;
    }
    const table = this.byValue.get(place.path)!;
    for (const v of place.values) {
      let set = table.get(v);
      if (!set) table.set(v, (set = new Set()));
      set.add(rule);
    }
  }

  remove(rule: Rule): void {
    if (!this.placed.has(rule)) return;
    const place = this.placed.get(rule);
    this.placed.delete(rule);
    if (!place) {
      this.unindexed.delete(rule);
      return;
    }
    const table = this.byValue.get(place.path)!;
    for (const v of place.values) {
      const set = table.get(v);
      set?.delete(rule);
      if (set?.size === 0) table.delete(v);
    }
  }

  /** The rules that may match an event with these envelope values (a superset of the matching ones). */
  candidates(event: { source?: unknown; 'detail-type'?: unknown }): Rule[] {
    const out = new Set(this.unindexed);
    for (const path of INDEX_PATHS) {
      const value = event[path];
      if (typeof value !== 'string') continue;
      for (const r of this.byValue.get(path)!.get(value) ?? []) out.add(r);
    }
    return [...out];
  }
}

function indexPlace(alternatives: PatternField[][]): { path: string; values: string[] } | undefined {
  for (const path of INDEX_PATHS) {
    const values = new Set<string>();
    const ok = alternatives.every((fields) => {
      const field = fields.find((f) => f.path === path);
      if (!field || !field.conditions.every((c) => c.kind === 'exact' && typeof c.value === 'string')) return false;
      for (const c of field.conditions) values.add((c as { value: string }).value);
      return true;
    });
    if (ok) return { path, values: [...values] };
  }
  return undefined;
}
