// A report schedule's period: a fixed year, or one relative to the run ("the previous calendar
// year"), so a schedule stays useful year after year. Pure: the run's instant comes in.
import type { Lang } from '../indicators/catalogue';

export const RELATIVE_PERIODS = ['previous-calendar-year', 'previous-quarter', 'previous-month', 'current-year-to-date'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** The period a run counts: the query parameters it gives `tables.request`, and words for people. */
export interface ResolvedPeriod { query: { year?: string; from?: string; to?: string }; from: string; to: string; label: Record<Lang, string> }

const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The office's calendar day (Santo Domingo, UTC−4 all year) of an instant, as [year, month 1-12, day]. */
export function officeDate(now: Date): [number, number, number] {
  const local = new Date(now.getTime() - 4 * 3600_000);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The period of a schedule run at `now`: `year` when fixed, else the relative period. */
export function resolvePeriod(period: { year?: number | null; relative?: RelativePeriod | null }, now: Date): ResolvedPeriod {
  const [year, month, day] = officeDate(now);
  if (period.year) {
    const y = period.year;
    return { query: { year: String(y) }, from: `${y}-01-01`, to: `${y}-12-31`, label: { es: `Año ${y}`, en: `Year ${y}` } };
  }
  switch (period.relative) {
    case 'previous-calendar-year': {
      const y = year - 1;
      return { query: { year: String(y) }, from: `${y}-01-01`, to: `${y}-12-31`, label: { es: `Año ${y}`, en: `Year ${y}` } };
    }
    case 'previous-quarter': {
      const current = Math.floor((month - 1) / 3);
      const q = current === 0 ? 3 : current - 1;
      const y = current === 0 ? year - 1 : year;
      const from = iso(y, q * 3 + 1, 1);
      const to = iso(y, q * 3 + 3, lastDay(y, q * 3 + 3));
      return { query: { from, to }, from, to, label: { es: `Trimestre ${q + 1} de ${y}`, en: `Quarter ${q + 1} of ${y}` } };
    }
    case 'previous-month': {
      const m = month === 1 ? 12 : month - 1;
      const y = month === 1 ? year - 1 : year;
      const from = iso(y, m, 1);
      const to = iso(y, m, lastDay(y, m));
      return { query: { from, to }, from, to, label: { es: `${MONTHS_ES[m - 1]} de ${y}`, en: `${MONTHS_EN[m - 1]} ${y}` } };
    }
    case 'current-year-to-date':
    default: {
      const from = iso(year, 1, 1);
      const to = iso(year, month, day);
      return { query: { from, to }, from, to, label: { es: `Del 1 de enero al ${day} de ${MONTHS_ES[month - 1]} de ${year}`, en: `1 January to ${day} ${MONTHS_EN[month - 1]} ${year}` } };
    }
  }
}
