/**
 * ScheduleExpression: `rate(value unit)` and EventBridge's six-field `cron(minutes hours day-of-month month
 * day-of-week year)`, evaluated in UTC. Day-of-week runs 1-7 from SUN; one of day-of-month and day-of-week
 * must be `?`; `L` (last), `W` (nearest weekday) and `#` (nth weekday of the month) as the user guide
 * describes (eb-scheduled-rule-pattern.html). Any problem is AWS's one answer, "Parameter
 * ScheduleExpression is not valid." (test_events_schedule.snapshot.json).
 */
import { eventsErrors } from './errors';

export type Schedule = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: CronSpec };

interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  months: Set<number>;
  years: Set<number> | undefined;
  /** Day-of-month: a set, or L / L-n / nW / LW; undefined when `?`. */
  dom: DayOfMonth | undefined;
  /** Day-of-week: a set (0 = SUN), nth (`#`), or last (`L`); undefined when `?`. */
  dow: DayOfWeek | undefined;
}

type DayOfMonth = { kind: 'set'; days: Set<number> } | { kind: 'last'; offset: number } | { kind: 'weekday'; day: number } | { kind: 'lastWeekday' };
type DayOfWeek = { kind: 'set'; days: Set<number> } | { kind: 'nth'; day: number; n: number } | { kind: 'last'; day: number };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

class Invalid extends Error {}

const invalid = (): never => {
  throw new Invalid();
};

export function parseScheduleExpression(text: string): Schedule {
  try {
    return parse(text.trim());
  } catch (e) {
    if (e instanceof Invalid) throw eventsErrors.invalidParameter('ScheduleExpression');
    throw e;
  }
}

function parse(text: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) return invalid();
    // AWS wants the singular for 1 and the plural otherwise.
    if ((value === 1) !== !rate[2].endsWith('s')) return invalid();
    const unit = rate[2].startsWith('minute') ? 60_000 : rate[2].startsWith('hour') ? 3_600_000 : 86_400_000;
    return { kind: 'rate', periodMs: value * unit };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (!cron) return invalid();
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return invalid();
  const [min, hour, dom, month, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) return invalid();
  return {
    kind: 'cron',
    cron: {
      minutes: parseSet(min, 0, 59),
      hours: parseSet(hour, 0, 23),
      dom: dom === '?' ? undefined : parseDayOfMonth(dom),
      months: parseSet(month, 1, 12, MONTHS),
      dow: dow === '?' ? undefined : parseDayOfWeek(dow),
      years: year === '*' ? undefined : parseSet(year, 1970, 2199),
    },
  };
}

function parseSet(field: string, min: number, max: number, names?: string[]): Set<number> {
  const out = new Set<number>();
  const value = (s: string): number => {
    const named = names?.indexOf(s.toUpperCase()) ?? -1;
    if (named >= 0) return named + min;
    if (!/^\d+$/.test(s)) return invalid();
    const n = Number(s);
    return n < min || n > max ? invalid() : n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    if (part.split('/').length > 2) return invalid();
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return invalid();
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = value(a);
      to = value(b);
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from > to) {
      // A wrapping range (FRI-MON, 22-2) covers the end of the cycle and its start.
      for (let v = from; v <= max; v += step) out.add(v);
      for (let v = min; v <= to; v += step) out.add(v);
    } else {
      for (let v = from; v <= to; v += step) out.add(v);
    }
  }
  return out;
}

function parseDayOfMonth(field: string): DayOfMonth {
  if (field === 'L') return { kind: 'last', offset: 0 };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const lastMinus = /^L-(\d+)$/.exec(field);
  if (lastMinus) return { kind: 'last', offset: Number(lastMinus[1]) };
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    return day < 1 || day > 31 ? invalid() : { kind: 'weekday', day };
  }
  return { kind: 'set', days: parseSet(field, 1, 31) };
}

function parseDayOfWeek(field: string): DayOfWeek {
  const day = (s: string) => {
    const named = DAYS.indexOf(s.toUpperCase());
    if (named >= 0) return named;
    if (!/^[1-7]$/.test(s)) return invalid();
    return Number(s) - 1;
  };
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth) return { kind: 'nth', day: day(nth[1]), n: Number(nth[2]) };
  const last = /^(\w+)L$/.exec(field);
  if (last) return { kind: 'last', day: day(last[1]) };
  if (field === 'L') return { kind: 'last', day: 6 };
  const days = new Set([...parseSet(field, 1, 7, DAYS)].map((d) => d - 1));
  return { kind: 'set', days };
}

/** The first time strictly after `after` (ms, UTC) the schedule fires; undefined when it never will again. */
export function nextFireTime(schedule: Schedule, after: number, start: number): number | undefined {
  if (schedule.kind === 'rate') {
    const elapsed = Math.max(0, after - start);
    return start + (Math.floor(elapsed / schedule.periodMs) + 1) * schedule.periodMs;
  }
  const c = schedule.cron;
  const from = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // Walk day by day (at most ~10 years ahead), then find the first hour and minute on a matching day.
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  for (let i = 0; i < 366 * 10; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const year = day.getUTCFullYear();
    if (c.years && ![...c.years].some((y) => y >= year)) return undefined;
    if (c.years && !c.years.has(year)) continue;
    if (!c.months.has(day.getUTCMonth() + 1)) continue;
    if (!dayMatches(c, day)) continue;
    const sameDay = day.getTime() === Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    for (const h of [...c.hours].sort((a, b) => a - b)) {
      for (const m of [...c.minutes].sort((a, b) => a - b)) {
        const t = day.getTime() + h * 3_600_000 + m * 60_000;
        if (!sameDay || t >= from.getTime()) return t;
      }
    }
  }
  return undefined;
}

function dayMatches(c: CronSpec, day: Date): boolean {
  const date = day.getUTCDate();
  const weekday = day.getUTCDay();
  const daysInMonth = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
  if (c.dom) {
    switch (c.dom.kind) {
      case 'set':
        return c.dom.days.has(date);
      case 'last':
        return date === daysInMonth - c.dom.offset;
      case 'weekday':
        return date === nearestWeekday(Math.min(c.dom.day, daysInMonth), day, daysInMonth);
      case 'lastWeekday':
        return date === nearestWeekday(daysInMonth, day, daysInMonth);
    }
  }
  if (c.dow) {
    switch (c.dow.kind) {
      case 'set':
        return c.dow.days.has(weekday);
      case 'nth':
        return weekday === c.dow.day && Math.ceil(date / 7) === c.dow.n;
      case 'last':
        return weekday === c.dow.day && date + 7 > daysInMonth;
    }
  }
  return false;
}

/** The weekday nearest to `target` in the same month (never crossing into another month). */
function nearestWeekday(target: number, day: Date, daysInMonth: number): number {
  const weekdayOf = (d: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), d)).getUTCDay();
  const w = weekdayOf(target);
  if (w === 6) return target === 1 ? 3 : target - 1;
  if (w === 0) return target === daysInMonth ? target - 2 : target + 1;
  return target;
}
