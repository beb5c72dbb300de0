import { describe, expect, it } from 'vitest'
import { byDay, gridRange, monthOf, monthWeeks, shiftMonth } from './calendar'

describe('month calendar arithmetic', () => {
  it('shows March 2026 in six Monday-first weeks, from Monday 23 February to Sunday 5 April', () => {
    const weeks = monthWeeks({ year: 2026, month: 3 })
    // 1 March 2026 is a Sunday: the first row starts on Monday 23 February.
    expect(weeks[0]!.map((day) => day.iso)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01'])
    expect(weeks.every((week) => week.length === 7)).toBe(true)
    expect(weeks.flat().filter((day) => day.inMonth)).toHaveLength(31)
    expect(weeks.at(-1)!.at(-1)!.iso).toBe('2026-04-05')
    expect(weeks).toHaveLength(6)
  })

  it('a month that starts on a Monday starts its grid on the 1st, and February 2027 fits in four weeks', () => {
    expect(monthWeeks({ year: 2026, month: 6 })[0]![0]).toEqual({ iso: '2026-06-01', day: 1, inMonth: true })
    const february = monthWeeks({ year: 2027, month: 2 })
    expect(february).toHaveLength(4)
    expect(gridRange({ year: 2027, month: 2 })).toEqual({ from: '2027-02-01', to: '2027-02-28' })
  })

  it('counts leap years', () => {
    expect(monthWeeks({ year: 2028, month: 2 }).flat().filter((day) => day.inMonth)).toHaveLength(29)
  })

  it('moves across years', () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 })
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 })
    expect(monthOf('2026-11-29')).toEqual({ year: 2026, month: 11 })
  })

  it('groups items by day and skips those without one', () => {
    const days = byDay(['2026-03-02:a', '2026-03-02:b', ':c', '2026-03-05:d'], (item) => item.split(':')[0]!)
    expect([...days.entries()]).toEqual([
      ['2026-03-02', ['2026-03-02:a', '2026-03-02:b']],
      ['2026-03-05', ['2026-03-05:d']],
    ])
  })
})
