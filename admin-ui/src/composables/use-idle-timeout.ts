// The idle timeout of the portal. The server ends a session after 30 minutes without activity; the
// client watches pointer, keys and focus, warns two minutes before, and signs out at the limit.
// Time is read from the clock at each tick, so a sleeping laptop or a throttled tab is judged right.
import { inject, onBeforeUnmount, onMounted, ref, type InjectionKey } from 'vue'
import type { TabChannel } from '../session/tabs'

export interface IdleTimings {
  /** Idle time after which the warning dialog opens. */
  warnAfterMs: number
  /** Idle time after which the session ends. */
  signOutAfterMs: number
  /** How often the clock is read. */
  tickMs: number
  /** Activity is told to the other tabs at most this often. */
  shareEveryMs: number
}

export const IDLE_TIMINGS: IdleTimings = {
  warnAfterMs: 28 * 60_000,
  signOutAfterMs: 30 * 60_000,
  tickMs: 1_000,
  shareEveryMs: 15_000,
}

/** Shorter timings for a whole portal (tests, demos): provide them under this key. */
export const IDLE_TIMINGS_KEY: InjectionKey<Partial<IdleTimings>> = Symbol('idle-timings')

export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'focusin', 'wheel'] as const

export interface IdleTimeoutOptions {
  timings?: Partial<IdleTimings>
  /** The limit was reached. Called once. */
  onTimeout: () => void
  /** The user did something here (not in another tab). */
  onActivity?: () => void
  /** The other tabs of this browser; null for none. */
  channel?: TabChannel | null
  /** Where activity is listened for. */
  target?: EventTarget
}

export function useIdleTimeout(options: IdleTimeoutOptions) {
  const timings: IdleTimings = { ...IDLE_TIMINGS, ...inject(IDLE_TIMINGS_KEY, {}), ...options.timings }
  const warning = ref(false)
  const secondsLeft = ref(Math.ceil((timings.signOutAfterMs - timings.warnAfterMs) / 1000))
  let lastActivity = Date.now()
  let lastTick = Date.now()
  let deferred = false
  let lastShared = 0
  let lastReported = Number.NEGATIVE_INFINITY
  let interval: ReturnType<typeof setInterval> | undefined
  let stopListening: (() => void) | undefined
  let finished = false

  function reset(): void {
    lastActivity = Date.now()
    warning.value = false
  }

  function share(force = false): void {
    const now = Date.now()
    if (!options.channel || (!force && now - lastShared < timings.shareEveryMs)) return
    lastShared = now
    options.channel.post({ type: 'activity' })
  }

  // While the warning is open, moving the mouse does not count: the user must answer the dialog.
  function onUserEvent(): void {
    if (finished || warning.value) return
    reset()
    // Pointer moves come by the dozen: the session store hears of them once a tick at most.
    if (lastActivity - lastReported >= timings.tickMs) {
      lastReported = lastActivity
      options.onActivity?.()
    }
    share()
  }

  function check(): void {
    if (finished) return
    const now = Date.now()
    // A tab that was frozen or asleep hears the other tabs' news only after waking: after a gap,
    // one tick passes before deciding, or a tab waking up would end a session in use elsewhere.
    const gap = now - lastTick > 2 * timings.tickMs + 1_000
    lastTick = now
    if (gap && !deferred) {
      deferred = true
      return
    }
    deferred = false
    const idle = now - lastActivity
    if (idle >= timings.signOutAfterMs) {
      finished = true
      warning.value = false
      stop()
      options.onTimeout()
      return
    }
    if (idle >= timings.warnAfterMs) {
      secondsLeft.value = Math.max(0, Math.ceil((timings.signOutAfterMs - idle) / 1000))
      warning.value = true
    } else {
      warning.value = false
    }
  }

  /** "Seguir trabajando": the user answered, after the session was renewed. */
  function keepWorking(): void {
    if (finished) return
    reset()
    share(true)
  }

  function onVisibility(): void {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') check()
  }

  function start(): void {
    const target = options.target ?? (typeof document !== 'undefined' ? document : undefined)
    const listenerOptions = { capture: true, passive: true }
    for (const name of ACTIVITY_EVENTS) target?.addEventListener(name, onUserEvent, listenerOptions)
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility)
    const stopChannel = options.channel?.listen((message) => {
      if (message.type === 'activity' && !finished) reset()
    })
    stopListening = () => {
      for (const name of ACTIVITY_EVENTS) target?.removeEventListener(name, onUserEvent, listenerOptions)
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility)
      stopChannel?.()
    }
    lastActivity = Date.now()
    lastTick = lastActivity
    interval = setInterval(check, timings.tickMs)
  }

  function stop(): void {
    if (interval !== undefined) clearInterval(interval)
    interval = undefined
    stopListening?.()
    stopListening = undefined
  }

  onMounted(start)
  onBeforeUnmount(stop)

  return { warning, secondsLeft, keepWorking, check, timings }
}
