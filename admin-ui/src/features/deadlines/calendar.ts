// The month calendar's arithmetic: the weeks shown for a month (Monday first, whole weeks, so days of
// the neighbouring months fill the first and last rows), moving by months, and deadlines by day.
// Plain calendar dates (YYYY-MM-DD), computed in UTC so no time zone can shift a day.

export interface Month {
  year: number
  /** 1–12 */
  month: number
}

export interface CalendarDay {
  iso: string
  day: number
  inMonth: boolean
}

const pad = (value: number) => String(value).padStart(2, '0')

function isoOf(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

export function monthOf(iso: string): Month {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) }
}

export function shiftMonth(month: Month, delta: number): Month {
  const index = month.year * 12 + (month.month - 1) + delta
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

/** "2026-03" */
export function monthKey(month: Month): string {
  return `${month.year}-${pad(month.month)}`
}

/** The weeks (rows of seven days, Monday to Sunday) that show the whole month. */
export function monthWeeks(month: Month): CalendarDay[][] {
  const first = new Date(Date.UTC(month.year, month.month - 1, 1))
  // getUTCDay: 0 is Sunday; the row starts on the Monday on or before the 1st.
  const back = (first.getUTCDay() + 6) % 7
  const start = new Date(Date.UTC(month.year, month.month - 1, 1 - back))
  const last = new Date(Date.UTC(month.year, month.month, 0))
  const weeks: CalendarDay[][] = []
  const cursor = new Date(start)
  while (cursor <= last || weeks.length === 0 || weeks[weeks.length - 1]!.length < 7) {
    if (!weeks.length || weeks[weeks.length - 1]!.length === 7) weeks.push([])
    weeks[weeks.length - 1]!.push({ iso: isoOf(cursor), day: cursor.getUTCDate(), inMonth: cursor.getUTCMonth() === month.month - 1 })
    cursor.setUTCDate(cursor.getUTCDate() + 1)
  }
  return weeks
}

/** The first and last days the month's grid shows. */
export function gridRange(month: Month): { from: string; to: string } {
  const weeks = monthWeeks(month)
  return { from: weeks[0]![0]!.iso, to: weeks[weeks.length - 1]![6]!.iso }
}

/** Items grouped by the day `dayOf` gives, each day's list kept in the given order. */
export function byDay<T>(items: readonly T[], dayOf: (item: T) => string): Map<string, T[]> {
  const days = new Map<string, T[]>()
  for (const item of items) {
    const day = dayOf(item)
    if (!day) continue
    const list = days.get(day)
    if (list) list.push(item)
    else days.set(day, [item])
  }
  return days
}
