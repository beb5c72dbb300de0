// Code lists (case types, stages, provinces...) loaded once and cached: they hold no personal data.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { request } from '../api/http'
import { currentLanguage } from '../i18n'

export const CODE_LIST_KEYS = [
  'case-type',
  'case-stage',
  'case-origin',
  'province',
  'exploitation-form',
  'palermo-act',
  'palermo-mean',
  'smuggling-route',
  'party-role',
  'scheme-role',
  'sex',
  'nationality',
  'identity-document-kind',
  'labour-sector',
  'control-method',
  'identification-indicator',
  'protection-measure-type',
  'consent-purpose',
  'victim-service',
  'service-referral-status',
  // The dashboard's offence filter; the list may not exist yet (then the filter is not offered).
  'offence',
] as const
export type CodeListKey = (typeof CODE_LIST_KEYS)[number]

export interface CodeItem {
  code: string
  labelEs: string
  labelEn: string
  active?: boolean
  sortOrder?: number
  parentCode?: string | null
  meta?: Record<string, unknown> | null
}

export interface CodeOption {
  value: string
  label: string
  /** More words a filter box matches (a nationality's country names: "Estados Unidos" finds "Estadounidense"). */
  keywords?: string
}

interface CodeListBody {
  data: Array<{ key: string; items?: CodeItem[] | null }>
}

export const useCodeListsStore = defineStore('codeLists', () => {
  const lists = ref<Partial<Record<CodeListKey, CodeItem[]>>>({})
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  let pending: Promise<void> | null = null

  async function fetchLists(): Promise<void> {
    status.value = 'loading'
    try {
      const body = await request<CodeListBody>('/api/code-lists', {
        query: { filters: { key: { $in: [...CODE_LIST_KEYS] } }, populate: 'items', pagination: { pageSize: 100 } },
      })
      const next: Partial<Record<CodeListKey, CodeItem[]>> = {}
      for (const list of body.data) {
        if ((CODE_LIST_KEYS as readonly string[]).includes(list.key)) next[list.key as CodeListKey] = list.items ?? []
      }
      lists.value = next
      status.value = 'ready'
    } catch {
      status.value = 'error'
    }
  }

  /** Loads the lists once; later calls share the first request or return at once. */
  function ensureLoaded(): Promise<void> {
    if (status.value === 'ready') return Promise.resolve()
    if (status.value !== 'loading' || !pending) pending = fetchLists()
    return pending
  }

  function labelOf(item: CodeItem): string {
    return currentLanguage() === 'en' ? item.labelEn || item.labelEs : item.labelEs || item.labelEn
  }

  /** The label of a code in the current language; the code itself when the list lacks it. */
  function label(key: CodeListKey, code: string | null | undefined): string {
    if (!code) return ''
    const item = lists.value[key]?.find((candidate) => candidate.code === code)
    return item ? labelOf(item) : code
  }

  /** Words of an item's meta a filter may match besides its label (country names, other names). */
  function keywordsOf(item: CodeItem): string | undefined {
    const meta = item.meta ?? {}
    const words = [meta.countryEs, meta.countryEn, meta.alsoKnownAs].flat().filter((w): w is string => typeof w === 'string' && w.length > 0)
    return words.length ? words.join(' ') : undefined
  }

  function activeInOrder(key: CodeListKey): CodeItem[] {
    // A missing flag or order counts as the schema defaults (active, 0); the sort is stable.
    return (lists.value[key] ?? [])
      .filter((item) => item.active !== false)
      .slice()
      .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
  }

  /** Active items for a select, in the configured order. */
  function options(key: CodeListKey): CodeOption[] {
    return activeInOrder(key).map((item) => ({ value: item.code, label: labelOf(item), keywords: keywordsOf(item) }))
  }

  /**
   * Nationalities as countries (an identity document is issued by a country, not a demonym): the
   * country name where the list has one, the label otherwise; the demonym stays findable.
   */
  function countryOptions(): CodeOption[] {
    const english = currentLanguage() === 'en'
    return activeInOrder('nationality').map((item) => {
      const country = english ? item.meta?.countryEn : item.meta?.countryEs
      const label = typeof country === 'string' && country ? country : labelOf(item)
      return { value: item.code, label, keywords: [labelOf(item), keywordsOf(item)].filter(Boolean).join(' ') }
    })
  }

  return { lists, status, ensureLoaded, label, options, countryOptions }
})
