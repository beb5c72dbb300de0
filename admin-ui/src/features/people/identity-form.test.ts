import { describe, expect, it } from 'vitest'
import {
  draftFromIdentity,
  emptyDocumentRow,
  emptyIdentityDraft,
  identityFromDraft,
  identityKeys,
  placeFieldErrors,
  pruneBlankRows,
  validateIdentityDraft,
} from './identity-form'
import { IDENTITY } from './test-fixtures'

describe('the identity form', () => {
  it('shows an identity as boxes (the date as dd/mm/aaaa) and gives back the same identity', () => {
    const draft = draftFromIdentity(IDENTITY)
    expect(draft.dateOfBirth).toBe('17/05/1994')
    expect(identityFromDraft(draft)).toEqual(IDENTITY)
  })

  it('sends blank boxes as null and trims what was typed', () => {
    const draft = { ...emptyIdentityDraft(), givenNames: '  Rosa ', phones: [' 809-555-0100 '] }
    expect(identityFromDraft(draft)).toMatchObject({ givenNames: 'Rosa', familyNames: null, email: null, dateOfBirth: null, phones: ['809-555-0100'] })
  })

  it('drops rows left wholly blank, so the rows on screen match the server’s indexes', () => {
    const draft = { ...emptyIdentityDraft(), aliases: ['', 'Morena', '  '], documents: [emptyDocumentRow(), { kind: 'passport', number: 'FX1', country: 'ht' }] }
    pruneBlankRows(draft)
    expect(draft.aliases).toEqual(['Morena'])
    expect(draft.documents).toEqual([{ kind: 'passport', number: 'FX1', country: 'ht' }])
  })

  it('refuses an incomplete document, a contact without a name, and a date that is not one or is in the future', () => {
    const draft = {
      ...emptyIdentityDraft(),
      dateOfBirth: '31/02/1994',
      documents: [{ kind: '', number: 'FX1', country: 'ht' }],
      nextOfKin: [{ name: '', relationship: 'madre', phone: '' }],
    }
    expect(validateIdentityDraft(draft, '2026-03-14')).toEqual({
      'identity.dateOfBirth': { key: 'validation.dateFormat' },
      'identity.documents.0.kind': { key: 'validation.chooseOne' },
      'identity.nextOfKin.0.name': { key: 'validation.required' },
    })
    expect(validateIdentityDraft({ ...emptyIdentityDraft(), dateOfBirth: '15/03/2026' }, '2026-03-14')).toEqual({
      'identity.dateOfBirth': { key: 'validation.dateInFuture' },
    })
  })

  it('places server errors on the boxes shown, a whole row’s error on its first box, and the rest on top', () => {
    const draft = draftFromIdentity(IDENTITY)
    const placed = placeFieldErrors(
      [
        { path: ['identity', 'documents', '0', 'number'], message: 'Número demasiado largo.' },
        { path: ['identity', 'nextOfKin', '0'], message: 'Debe ser un objeto.' },
        { path: ['identity'], message: 'Indique al menos un nombre, un alias o un documento.' },
      ],
      identityKeys(draft),
    )
    expect(placed).toEqual({
      fields: { 'identity.documents.0.number': 'Número demasiado largo.', 'identity.nextOfKin.0.name': 'Debe ser un objeto.' },
      general: ['Indique al menos un nombre, un alias o un documento.'],
    })
  })
})
