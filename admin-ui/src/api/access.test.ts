import { describe, expect, it } from 'vitest'
import { readSessions } from './access'

describe('readSessions', () => {
  it('reads { data: [...] } and a bare list, with the usual spellings of the fields', () => {
    expect(readSessions({ data: [{ id: 7, createdAt: '2026-03-14T12:00:00Z', lastActivityAt: '2026-03-14T12:30:00Z', current: true }] })).toEqual([
      { id: '7', createdAt: '2026-03-14T12:00:00Z', lastActivityAt: '2026-03-14T12:30:00Z', current: true, userAgent: null },
    ])
    expect(readSessions([{ documentId: 'abc', lastSeenAt: '2026-03-14T12:30:00Z', isCurrent: true, userAgent: 'Edge' }])).toEqual([
      { id: 'abc', createdAt: null, lastActivityAt: '2026-03-14T12:30:00Z', current: true, userAgent: 'Edge' },
    ])
  })

  it('skips what it cannot read', () => {
    expect(readSessions(null)).toEqual([])
    expect(readSessions({ data: [null, 'x', { createdAt: 'no id' }] })).toEqual([])
  })
})
