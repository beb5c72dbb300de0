// Tabs of the same portal share one server session (one refresh cookie), so they tell each other
// about activity (the idle timeout counts for the browser, not for one tab) and about a sign-out.
// Messages carry no token and no personal data.
import type { InjectionKey } from 'vue'

export type EndReason = 'signed-out' | 'idle' | 'password-changed' | 'expired'

export type TabMessage = { type: 'activity' } | { type: 'signed-out'; reason: EndReason }

export interface TabChannel {
  post(message: TabMessage): void
  /** Returns the function that stops listening. */
  listen(handler: (message: TabMessage) => void): () => void
  close(): void
}

export const TAB_CHANNEL_KEY: InjectionKey<TabChannel | null> = Symbol('tab-channel')

const REASONS: readonly string[] = ['signed-out', 'idle', 'password-changed', 'expired']

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false
  const message = value as { type?: unknown; reason?: unknown }
  return message.type === 'activity' || (message.type === 'signed-out' && REASONS.includes(String(message.reason)))
}

/** A BroadcastChannel between the tabs of this origin; null where the browser has none. */
export function openTabChannel(name = 'pett.session'): TabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null
  const channel = new BroadcastChannel(name)
  return {
    post: (message) => channel.postMessage(message),
    listen(handler) {
      const onMessage = (event: MessageEvent) => {
        if (isTabMessage(event.data)) handler(event.data)
      }
      channel.addEventListener('message', onMessage)
      return () => channel.removeEventListener('message', onMessage)
    },
    close: () => channel.close(),
  }
}
