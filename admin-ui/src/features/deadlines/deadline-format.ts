// How a deadline's end reads on screen and which office day it falls on: a whole day ("2026-03-14")
// shows as a date, a deadline in hours (an ISO instant) as date and time, both in Santo Domingo time.
import type { Language } from '../../i18n'
import { formatDate, formatDateTime, todayIso } from '../../i18n/format'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export function isWholeDay(due: string): boolean {
  return DATE_ONLY.test(due)
}

export function formatDue(due: string, language: Language): string {
  return isWholeDay(due) ? formatDate(due, language) : formatDateTime(due, language)
}

/** The office day (YYYY-MM-DD) a deadline ends on; '' when unreadable. */
export function dueDay(due: string): string {
  if (isWholeDay(due)) return due
  const instant = new Date(due)
  return Number.isNaN(instant.getTime()) ? '' : todayIso(instant)
}
