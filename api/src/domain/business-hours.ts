// Business hours (docs/metrics.md, "Business hours"): a weekly schedule of local-time intervals in
// the organization's zone, with holidays that close a date or give it its own intervals. Pure:
// the database stores schedules, this measures time against them.

/** `[start, end)` of local time, "HH:MM"; `end` may be "24:00". (A type, so it is JSON as such.) */
export type TimeInterval = { start: string; end: string };

export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Which seconds a duration counts: all of them, or those inside the schedule. */
export type Clock = 'CALENDAR' | 'BUSINESS';

export interface Schedule {
  timeZone: string;
  /** Intervals per weekday; a day missing or empty is closed. */
  week: Partial<Record<Weekday, TimeInterval[]>>;
  /** By local date ("YYYY-MM-DD"): that date's own intervals, empty when closed all day. */
  holidays: ReadonlyMap<string, TimeInterval[]>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since local midnight. */
function minutes(time: string): number {
  if (!TIME.test(time)) throw new RangeError(`"${time}" is not a time of day (HH:MM, 00:00 to 24:00)`);
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  return hours * 60 + mins;
}

/**
 * Checks a day's intervals: each one well formed, start before end, none overlapping. Returns
 * the problem in words, or null.
 */
export function intervalProblem(intervals: readonly TimeInterval[]): string | null {
  let previousEnd = -1;
  const sorted = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
  for (const interval of sorted) {
    let start: number;
    let end: number;
    try {
      start = minutes(interval.start);
      end = minutes(interval.end);
    } catch (error) {
      return (error as Error).message;
    }
    if (interval.start === '24:00') return 'an interval cannot start at 24:00';
    if (start >= end) return `${interval.start}-${interval.end} ends before it starts`;
    if (start < previousEnd) return `${interval.start}-${interval.end} overlaps the interval before it`;
    previousEnd = end;
  }
  return null;
}

/** Open every day, all day: business time equals calendar time. */
export function allHours(timeZone: string): Schedule {
  const day = [{ start: '00:00', end: '24:00' }];
  return {
    timeZone,
    week: Object.fromEntries(WEEKDAYS.map((weekday) => [weekday, day])),
    holidays: new Map(),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * Offsets by zone and quarter hour: every zone's changes fall on a quarter hour, and asking Intl
 * is what a long history of samples would otherwise spend its time on.
 */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

/** The local date and time of `instant` in the zone, as a Date whose UTC fields hold them. */
export function wallClock(instant: number, timeZone: string): Date {
  return new Date(instant + offsetAt(instant, timeZone));
}

/** The zone's offset from UTC at `instant`, in ms (São Paulo: -3 h). */
function offsetAt(instant: number, timeZone: string): number {
  const quarter = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 200_000) offsets.clear();
    offset = intlOffsetAt(quarter * QUARTER_HOUR, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

function intlOffsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a local date and minute of the day. A time a DST jump skips maps past the jump. */
function instantOf(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000;
  let instant = wall - offsetAt(wall, timeZone);
  // Twice: the offset at the guess may differ from the one at the answer (near a DST change).
  instant = wall - offsetAt(instant, timeZone);
  return instant;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = instant + offsetAt(instant, timeZone);
  const date = new Date(wall);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const nextDate = ({ year, month, day }: LocalDate): LocalDate => {
  const date = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
const dateKey = ({ year, month, day }: LocalDate) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const weekdayOf = ({ year, month, day }: LocalDate): Weekday =>
  WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7] as Weekday;

/** The open intervals of one local date, as instants. */
function openOn(date: LocalDate, schedule: Schedule): [number, number][] {
  const intervals = schedule.holidays.get(dateKey(date)) ?? schedule.week[weekdayOf(date)] ?? [];
  return intervals.map((interval) => [
    instantOf(date, minutes(interval.start), schedule.timeZone),
    interval.end === '24:00'
      ? instantOf(nextDate(date), 0, schedule.timeZone)
      : instantOf(date, minutes(interval.end), schedule.timeZone),
  ]);
}

/** Open all day every day, with no holiday: business time is calendar time, nothing to compute. */
function isAlwaysOpen(schedule: Schedule): boolean {
  return (
    schedule.holidays.size === 0 &&
    WEEKDAYS.every((weekday) => {
      const day = schedule.week[weekday];
      return day?.length === 1 && day[0]?.start === '00:00' && day[0]?.end === '24:00';
    })
  );
}

/** Seconds of `[from, to)` (epoch ms) during which the schedule is open. */
export function businessSeconds(from: number, to: number, schedule: Schedule): number {
  if (!(to > from)) return 0;
  if (isAlwaysOpen(schedule)) return (to - from) / 1000;
  let open = 0;
  // From the local date before `from`'s (an interval of the evening before cannot reach it, but
  // a DST shift can move midnight) to `to`'s.
  const last = dateKey(localDateOf(to, schedule.timeZone));
  let date = localDateOf(from - 86_400_000, schedule.timeZone);
  for (let guard = 0; guard < 100_000; guard++) {
    for (const [start, end] of openOn(date, schedule)) {
      open += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
    if (dateKey(date) === last) break;
    date = nextDate(date);
  }
  return open / 1000;
}

/** Whether the schedule is open at `instant`. */
export function isOpenAt(instant: number, schedule: Schedule): boolean {
  if (isAlwaysOpen(schedule)) return true;
  const date = localDateOf(instant, schedule.timeZone);
  return openOn(date, schedule).some(([start, end]) => instant >= start && instant < end);
}

/**
 * The instant (epoch ms) at which the schedule has been open `seconds` since `from`: where a
 * business-clock target falls due. Null when the schedule does not open for that long within
 * `horizonDays` (a schedule closed every day).
 */
export function instantAfterBusiness(
  from: number,
  seconds: number,
  schedule: Schedule,
  horizonDays = 400,
): number | null {
  if (isAlwaysOpen(schedule)) return from + seconds * 1000;
  let remaining = seconds * 1000;
  let date = localDateOf(from - 86_400_000, schedule.timeZone);
  for (let day = 0; day <= horizonDays + 1; day++) {
    for (const [start, end] of openOn(date, schedule)) {
      const begin = Math.max(start, from);
      if (end <= begin) continue;
      if (end - begin >= remaining) return begin + remaining;
      remaining -= end - begin;
    }
    date = nextDate(date);
  }
  return null;
}
