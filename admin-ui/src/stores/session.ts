// Who is signed in. The token lives only here, in memory: never in Web Storage or a JS cookie,
// so a reload signs the user out (accepted until the server offers an HttpOnly refresh cookie).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { request } from '../api/http'

export const ROLE_KEYS = [
  'configurator',
  'chief-prosecutor',
  'prosecutor',
  'investigator',
  'victim-officer',
  'agency-liaison',
  'analyst',
  'statistician',
  'auditor',
] as const
export type RoleKey = (typeof ROLE_KEYS)[number]

export interface Me {
  id: number
  username: string
  role: string
  roleName: string
  can: { createCase: boolean; seeAllCases: boolean }
}

export function isRoleKey(value: string): value is RoleKey {
  return (ROLE_KEYS as readonly string[]).includes(value)
}

export const useSessionStore = defineStore('session', () => {
  const jwt = ref<string | null>(null)
  const me = ref<Me | null>(null)

  const isSignedIn = computed(() => jwt.value !== null && me.value !== null)
  const canCreateCase = computed(() => me.value?.can.createCase === true)

  async function signIn(identifier: string, password: string): Promise<void> {
    const answer = await request<{ jwt: string }>('/api/auth/local', {
      method: 'POST',
      body: { identifier, password },
      anonymous: true,
    })
    jwt.value = answer.jwt
    try {
      const { data } = await request<{ data: Me }>('/api/access/me')
      me.value = data
    } catch (error) {
      jwt.value = null
      throw error
    }
  }

  return { jwt, me, isSignedIn, canCreateCase, signIn }
})
