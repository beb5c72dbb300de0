import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import FilterableSelect from './FilterableSelect.vue'
import { i18n, setLanguage } from '../../i18n'
import { useCodeListsStore } from '../../stores/code-lists'

const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

function nationalities() {
  setActivePinia(createPinia())
  const store = useCodeListsStore()
  store.lists = {
    nationality: [
      { code: 'do', labelEs: 'Dominicana', labelEn: 'Dominican', sortOrder: 1, meta: { countryEs: 'República Dominicana', countryEn: 'Dominican Republic' } },
      { code: 'us', labelEs: 'Estadounidense', labelEn: 'American', sortOrder: 2, meta: { countryEs: 'Estados Unidos', countryEn: 'United States' } },
      { code: 'nl', labelEs: 'Países Bajos', labelEn: 'Netherlands', sortOrder: 100, meta: { countryEs: 'Países Bajos', countryEn: 'Netherlands' } },
      { code: 'zz', labelEs: 'Retirada', labelEn: 'Retired', sortOrder: 3, active: false },
    ],
  }
  return store
}

async function filterTo(options: Array<{ value: string; label: string; keywords?: string }>, text: string) {
  const wrapper = mount(FilterableSelect, { props: { id: 'country', modelValue: '', options, emptyLabel: 'Elija…', invalid: false, required: false }, global: { plugins: [i18n] } })
  mounted.push(wrapper)
  await wrapper.get('input[type="search"]').setValue(text)
  return wrapper.findAll('option').map((o) => o.text()).filter((t) => t !== 'Elija…')
}

describe('long code lists with a filter box', () => {
  it('finds a nationality by its country name, without accents or case', async () => {
    setLanguage('es')
    const store = nationalities()
    expect(await filterTo(store.options('nationality'), 'estados unidos')).toEqual(['Estadounidense'])
    expect(await filterTo(store.options('nationality'), 'paises')).toEqual(['Países Bajos'])
  })

  it('offers identity-document countries by country name, active ones only, still findable by demonym', async () => {
    setLanguage('es')
    const store = nationalities()
    const countries = store.countryOptions()
    expect(countries.map((c) => c.label)).toEqual(['República Dominicana', 'Estados Unidos', 'Países Bajos'])
    expect(await filterTo(countries, 'estadoun')).toEqual(['Estados Unidos'])
    setLanguage('en')
    expect(store.countryOptions()[1]!.label).toBe('United States')
    setLanguage('es')
  })
})
