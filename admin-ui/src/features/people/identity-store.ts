// The one place the portal holds an opened identity: the panel of "Ver identidad" (until it closes
// itself) and the form of "Editar identidad". Cleared on closing, on leaving the person page, and,
// like every store, on sign-out and expiry. Never persisted, never logged.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { draftFromIdentity, emptyIdentityDraft, type IdentityDraft } from './identity-form'
import { revealIdentity, type Identity } from './people-api'

export interface RevealedIdentity {
  code: string
  identity: Identity
  /** When the panel closes itself (ms since 1970, this computer's clock). */
  closesAt: number
}

export interface EditedIdentity {
  code: string
  /** False when recording an identity for the first time (nothing to open). */
  recorded: boolean
  draft: IdentityDraft
}

export type RevealPurpose = 'view' | 'edit'

export const useIdentityStore = defineStore('identity', () => {
  const revealed = ref<RevealedIdentity | null>(null)
  const editing = ref<EditedIdentity | null>(null)

  function clear(): void {
    revealed.value = null
    editing.value = null
  }

  /** Opens the identity with a reason (recorded by the server), to read it or to correct it. */
  async function reveal(code: string, reason: string, purpose: RevealPurpose): Promise<void> {
    const opened = await revealIdentity(code, reason)
    clear()
    if (purpose === 'view') {
      revealed.value = { code: opened.code, identity: opened.identity, closesAt: Date.now() + opened.closesInSeconds * 1000 }
    } else {
      editing.value = { code: opened.code, recorded: true, draft: draftFromIdentity(opened.identity) }
    }
  }

  /** A person with no identity yet: an empty form, nothing to open. */
  function startRecording(code: string): void {
    clear()
    editing.value = { code, recorded: false, draft: emptyIdentityDraft() }
  }

  return { revealed, editing, clear, reveal, startRecording }
})
