import { describe, expect, it } from 'vitest'
import { codeKind, normaliseCode } from './verification-code'

describe('verification codes', () => {
  it('keeps a 6-digit app code as typed, without spaces', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456')
    expect(codeKind('123 456')).toBe('app')
  })

  it('writes a recovery code as XXXX-XXXX in capitals', () => {
    expect(normaliseCode('ab12cd34')).toBe('AB12-CD34')
    expect(normaliseCode('ab12-cd34')).toBe('AB12-CD34')
    expect(normaliseCode('AB12 CD34')).toBe('AB12-CD34')
    expect(codeKind('ab12-cd34')).toBe('recovery')
  })

  it('refuses anything else', () => {
    expect(codeKind('')).toBeNull()
    expect(codeKind('12345')).toBeNull()
    expect(codeKind('1234567')).toBeNull()
    expect(codeKind('AB12-CD3')).toBeNull()
    expect(codeKind('AB12_CD34')).toBeNull()
  })
})
