// Office calendar arithmetic on plain YYYY-MM-DD dates: weekends, Dominican public holidays (Ley
// 139-97 moves most of them to a Monday), business days, and calendar months and years.
export type IsoDate = string; // YYYY-MM-DD, a day in Santo Domingo

const DAY_MS = 86_400_000;
const toUtc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export const addDays = (d: IsoDate, n: number): IsoDate => fromUtc(toUtc(d) + n * DAY_MS);
/** 0 = Sunday ... 6 = Saturday. */
export const weekday = (d: IsoDate): number => new Date(toUtc(d)).getUTCDay();
export const isWeekend = (d: IsoDate) => weekday(d) === 0 || weekday(d) === 6;

/** The same day `n` months later, or the month's last day when it has no such day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7)) - 1 + n;
  const day = Number(d.slice(8, 10));
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(day, last)));
}

export function isBusinessDay(d: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(d) && !holidays.has(d);
}

/** The `n`-th business day after `d` (the day of the event itself does not count). */
export function addBusinessDays(d: IsoDate, n: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  let day = d;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day, holidays)) counted += 1;
  }
  return day;
}

/** The day itself when it is a business day, else the next one. */
export function nextBusinessDay(d: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let day = d;
  while (!isBusinessDay(day, holidays)) day = addDays(day, 1);
  return day;
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtc(Date.UTC(year, month - 1, day));
}

export interface HolidayRule {
  name: string;
  /** MM-DD for a dated holiday, or days from Easter Sunday. */
  date?: string;
  easterOffset?: number;
  /** Ley 139-97: Tuesday or Wednesday moves to the Monday before, Thursday or Friday to the Monday after. */
  movable: boolean;
  /** Years in which a movable holiday stays on its day (16 August in a presidential inauguration year). */
  fixedInYears?: number[];
}

export interface Holiday { date: IsoDate; name: string; movedFrom?: IsoDate }

/** The holidays of a year as Ley 139-97 places them; the official yearly list may differ (check). */
export function computeHolidays(year: number, rules: readonly HolidayRule[]): Holiday[] {
  return rules
    .map((rule): Holiday => {
      const legal = rule.date ? `${year}-${rule.date}` : addDays(easterSunday(year), rule.easterOffset ?? 0);
      if (!rule.movable || rule.fixedInYears?.includes(year)) return { date: legal, name: rule.name };
      const shift = ({ 2: -1, 3: -2, 4: 4, 5: 3 } as Record<number, number>)[weekday(legal)] ?? 0;
      return shift ? { date: addDays(legal, shift), name: rule.name, movedFrom: legal } : { date: legal, name: rule.name };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
