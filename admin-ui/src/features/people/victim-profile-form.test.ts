import { describe, expect, it } from 'vitest'
import { draftFromProfile, emptyRow, placeProfileErrors, pruneBlankRows, sectionKeys, sectionUpdate, validateSection } from './victim-profile-form'
import { personProfile } from './test-fixtures'
import type { VictimProfile } from './people-api'

const TODAY = '2099-03-15'
const PROFILE: VictimProfile = {
  ...personProfile().victimProfile!,
  protectionMeasures: [{ measureType: 'albergue', authority: 'Juzgado de la Instrucción', startDate: '2099-03-01', expiryDate: null }],
  consents: [{ purpose: 'data-sharing', scope: null, givenOn: '2099-03-02', withdrawnOn: '2099-03-10' }],
  serviceReferrals: [],
  wasCharged: false,
  wasDetained: true,
  wasDeported: null,
}

describe('the victim profile form', () => {
  it('shows the profile as boxes (dates as dd/mm/aaaa, the agency by code) and each section sends only its own fields', () => {
    const draft = draftFromProfile(PROFILE)
    expect(draft).toMatchObject({ identificationDate: '14/03/2025', identifiedBy: 'PN', ageAtIdentification: '30', wasDetained: true, wasDeported: false })
    expect(draft.consents[0]).toEqual({ purpose: 'data-sharing', scope: '', givenOn: '02/03/2099', withdrawnOn: '10/03/2099' })
    expect(sectionUpdate(draft, 'identification')).toEqual({ identificationDate: '2025-03-14', identifiedBy: 'PN', sex: 'f', nationality: 'do', ageAtIdentification: 30, isMinor: false })
    expect(sectionUpdate(draft, 'nonPunishment')).toEqual({ wasCharged: false, wasDetained: true, wasDeported: false })
    expect(sectionUpdate(draft, 'protectionMeasures')).toEqual({ protectionMeasures: PROFILE.protectionMeasures })
    expect(sectionUpdate(draft, 'consents')).toEqual({ consents: PROFILE.consents })
  })

  it('sends blank boxes as null and trims what was typed', () => {
    const draft = draftFromProfile(PROFILE)
    draft.ageAtIdentification = ' '
    draft.identifiedBy = ''
    draft.serviceReferrals.push({ service: 'shelter', provider: '  ', referredOn: '05/03/2099', status: 'requested' })
    expect(sectionUpdate(draft, 'identification')).toMatchObject({ ageAtIdentification: null, identifiedBy: null })
    expect(sectionUpdate(draft, 'serviceReferrals')).toEqual({ serviceReferrals: [{ service: 'shelter', provider: null, referredOn: '2099-03-05', status: 'requested' }] })
  })

  it('refuses before sending what the server would refuse: missing choices, bad dates, an expiry before the start, a future consent', () => {
    const draft = draftFromProfile(PROFILE)
    draft.protectionMeasures.push({ measureType: '', authority: '', startDate: '20/03/2099', expiryDate: '19/03/2099' })
    draft.consents[0]!.givenOn = '16/03/2099'
    draft.consents[0]!.withdrawnOn = '31/02/2099'
    expect(validateSection(draft, 'protectionMeasures', TODAY)).toEqual({
      'protectionMeasures.1.measureType': { key: 'validation.chooseOne' },
      'protectionMeasures.1.authority': { key: 'validation.required' },
      'protectionMeasures.1.expiryDate': { key: 'validation.expiryBeforeStart' },
    })
    expect(validateSection(draft, 'consents', TODAY)).toEqual({
      'consents.0.givenOn': { key: 'validation.dateInFuture' },
      'consents.0.withdrawnOn': { key: 'validation.dateFormat' },
    })
    draft.ageAtIdentification = '130'
    expect(validateSection(draft, 'identification', TODAY)).toEqual({ ageAtIdentification: { key: 'validation.age', params: { max: 120 } } })
  })

  it('drops rows left wholly blank, so the rows on screen match the server’s indexes', () => {
    const draft = draftFromProfile(PROFILE)
    draft.protectionMeasures.unshift(emptyRow('protectionMeasures'))
    pruneBlankRows(draft, 'protectionMeasures')
    expect(draft.protectionMeasures).toHaveLength(1)
    expect(validateSection(draft, 'protectionMeasures', TODAY)).toEqual({})
  })

  it('places the server’s errors by path, a whole row on its first box, and the rest as general', () => {
    const draft = draftFromProfile(PROFILE)
    const placed = placeProfileErrors(
      [
        { path: ['protectionMeasures', '0', 'expiryDate'], message: 'El vencimiento no puede ser anterior a el inicio.' },
        { path: ['protectionMeasures', '0'], message: 'Este dato es obligatorio.' },
        { path: ['isDemo'], message: 'No puede cambiar el campo isDemo.' },
      ],
      sectionKeys(draft, 'protectionMeasures'),
    )
    expect(placed).toEqual({
      fields: { 'protectionMeasures.0.expiryDate': 'El vencimiento no puede ser anterior a el inicio.', 'protectionMeasures.0.measureType': 'Este dato es obligatorio.' },
      general: ['No puede cambiar el campo isDemo.'],
    })
  })
})
