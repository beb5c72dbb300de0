// The one place the portal holds an opened identity: the panel of "Ver identidad" (until it closes
// itself), the form of "Editar identidad", and an opened photo or document (until its panel closes).
// One thing open at a time. Cleared on closing, on leaving the person page, and, like every store,
// on sign-out and expiry. Never persisted, never logged.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { draftFromIdentity, emptyIdentityDraft, type IdentityDraft } from './identity-form'
import { openFile as openFileOnServer, revealIdentity, type Identity, type PersonFile } from './people-api'

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

/** A photo or document opened with a reason, as the vault gave it. */
export interface OpenedFile {
  code: string
  fileId: string
  kind: string
  fileName: string
  mimeType: string
  contentBase64: string
  /** When the panel closes itself (ms since 1970, this computer's clock). */
  closesAt: number
}

export type RevealPurpose = 'view' | 'edit'

/** An opened file stays on screen as long as an opened identity does. */
export const FILE_OPEN_SECONDS = 120

export const useIdentityStore = defineStore('identity', () => {
  const revealed = ref<RevealedIdentity | null>(null)
  const editing = ref<EditedIdentity | null>(null)
  const openedFile = ref<OpenedFile | null>(null)

  function clear(): void {
    revealed.value = null
    editing.value = null
    openedFile.value = null
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

  /** Opens one of the person's files with a reason (recorded by the server like a reveal). */
  async function openFile(code: string, file: PersonFile, reason: string): Promise<void> {
    const opened = await openFileOnServer(code, file.id, reason)
    clear()
    openedFile.value = { code, fileId: file.id, kind: file.kind, ...opened, closesAt: Date.now() + FILE_OPEN_SECONDS * 1000 }
  }

  return { revealed, editing, openedFile, clear, reveal, startRecording, openFile }
})
