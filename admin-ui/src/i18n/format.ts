// Dates and numbers as Dominican staff read them: dd/mm/aaaa, Santo Domingo time, Intl for numbers.
import type { Language } from './index'

export const TIME_ZONE = 'America/Santo_Domingo'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DISPLAY_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1000) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** "14/03/2026" (also 14-03-2026, 14.3.2026) → "2026-03-14"; null when it is not a real date. */
export function parseDisplayDate(text: string): string | null {
  const match = DISPLAY_DATE.exec(text.trim())
  if (!match) return null
  const day = Number(match[1])
  const month = Number(match[2])
  const year = Number(match[3])
  return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null
}

/** "2026-03-14" → "14/03/2026", the form inputs' format in both languages; "" when not an ISO date. */
export function isoToDisplay(iso: string): string {
  const match = ISO_DATE.exec(iso)
  return match ? `${match[3]}/${match[2]}/${match[1]}` : ''
}

function intlLocale(language: Language): string {
  // en-GB keeps day/month order so an English reader sees the same date as the Spanish one.
  return language === 'en' ? 'en-GB' : 'es-DO'
}

/** A date-only ("2026-03-14") or a timestamp, shown as dd/mm/aaaa in Santo Domingo time. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return ''
  const iso = ISO_DATE.exec(value)
  // Noon UTC is the same calendar day in Santo Domingo (UTC−4), so date-only values never shift.
  const date = iso
    ? new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), 12))
    : new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date)
}

/** Today's date in Santo Domingo as "YYYY-MM-DD", whatever the computer's own time zone. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The current year in Santo Domingo. */
export function currentYear(now: Date = new Date()): number {
  return Number(todayIso(now).slice(0, 4))
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'es-DO').format(value)
}

/** A file's size in KB or MB (1 KB = 1024 bytes), with Intl's unit names: "12.5 kB", "1.2 MB". */
export function formatFileSize(bytes: number, language: Language): string {
  const megabytes = bytes >= 1024 * 1024
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'es-DO', {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(megabytes ? bytes / 1024 / 1024 : Math.max(0.1, bytes / 1024))
}

/** A timestamp as "dd/mm/aaaa HH:mm" (24-hour) in Santo Domingo time; "" when unreadable. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  const parts = new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`
}

/** The time of a timestamp as "HH:mm" (24-hour) in Santo Domingo time; "" when unreadable. */
export function formatTime(value: string | null | undefined, language: Language): string {
  return formatDateTime(value, language).slice(11)
}
