import { describe, expect, it } from 'vitest'
import { currentYear, formatDate, formatDateTime, formatNumber, formatTime, isoToDisplay, parseDisplayDate, todayIso } from './format'

describe('parseDisplayDate', () => {
  it('reads a date typed as dd/mm/aaaa', () => {
    expect(parseDisplayDate('14/03/2026')).toBe('2026-03-14')
  })

  it('accepts one-digit day and month, dashes, dots and surrounding spaces', () => {
    expect(parseDisplayDate(' 4/3/2026 ')).toBe('2026-03-04')
    expect(parseDisplayDate('04-03-2026')).toBe('2026-03-04')
    expect(parseDisplayDate('04.03.2026')).toBe('2026-03-04')
  })

  it('refuses dates that do not exist', () => {
    expect(parseDisplayDate('31/04/2026')).toBeNull()
    expect(parseDisplayDate('29/02/2025')).toBeNull()
    expect(parseDisplayDate('00/01/2026')).toBeNull()
    expect(parseDisplayDate('12/13/2026')).toBeNull()
  })

  it('accepts 29 February in a leap year', () => {
    expect(parseDisplayDate('29/02/2024')).toBe('2024-02-29')
  })

  it('refuses other shapes, including the ISO and American orders', () => {
    expect(parseDisplayDate('2026-03-14')).toBeNull()
    expect(parseDisplayDate('14/03/26')).toBeNull()
    expect(parseDisplayDate('')).toBeNull()
    expect(parseDisplayDate('hoy')).toBeNull()
  })
})

describe('isoToDisplay', () => {
  it('turns an ISO date into dd/mm/aaaa and is the inverse of parsing', () => {
    expect(isoToDisplay('2026-03-14')).toBe('14/03/2026')
    expect(parseDisplayDate(isoToDisplay('2024-02-29'))).toBe('2024-02-29')
  })

  it('gives an empty text for anything else', () => {
    expect(isoToDisplay('14/03/2026')).toBe('')
  })
})

describe('formatDate', () => {
  it('shows a date-only value as dd/mm/aaaa in Spanish without shifting the day', () => {
    expect(formatDate('2025-03-14', 'es')).toBe('14/03/2025')
    expect(formatDate('2025-01-01', 'es')).toBe('01/01/2025')
  })

  it('keeps the day-first order in English', () => {
    expect(formatDate('2025-03-14', 'en')).toBe('14/03/2025')
  })

  it('shows a timestamp in Santo Domingo time (UTC−4)', () => {
    // 02:30 UTC on 15 March is still 14 March in Santo Domingo.
    expect(formatDate('2025-03-15T02:30:00.000Z', 'es')).toBe('14/03/2025')
  })

  it('gives an empty text for missing or broken values', () => {
    expect(formatDate(null, 'es')).toBe('')
    expect(formatDate('no es fecha', 'es')).toBe('')
  })
})

describe('todayIso and currentYear', () => {
  it('use the Santo Domingo calendar, not the computer clock zone', () => {
    const newYearUtc = new Date('2026-01-01T02:00:00.000Z')
    expect(todayIso(newYearUtc)).toBe('2025-12-31')
    expect(currentYear(newYearUtc)).toBe(2025)
  })
})

describe('formatNumber', () => {
  it('uses the Dominican grouping', () => {
    expect(formatNumber(1234567, 'es')).toBe('1,234,567')
  })
})

describe('formatDateTime', () => {
  it('shows a timestamp as dd/mm/aaaa HH:mm in Santo Domingo time (UTC−4)', () => {
    expect(formatDateTime('2026-03-14T02:05:00Z', 'es')).toBe('13/03/2026 22:05')
    expect(formatDateTime('2026-03-14T16:30:00Z', 'en')).toBe('14/03/2026 12:30')
    expect(formatTime('2026-03-14T16:30:00Z', 'es')).toBe('12:30')
    expect(formatDateTime('no es fecha', 'es')).toBe('')
    expect(formatDateTime(null, 'es')).toBe('')
  })
})
