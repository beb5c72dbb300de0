// The countdown of a panel that shows something opened with a reason (an identity, a file) and
// closes itself: read from the clock on every tick, so a throttled background tab still closes on
// time. Screen-reader users hear the time left once on opening and once more near the end.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue'
import { useAnnouncerStore } from '../stores/announcer'

const WARN_AT_SECONDS = 30

export interface SelfClosingTexts {
  opened: (time: string) => string
  closingSoon: (seconds: number) => string
}

/** "1:05": minutes and seconds. */
export function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** `closesAt` is in ms since 1970 (this computer's clock); `close` runs once when the time is up. */
export function useSelfClosing(closesAt: () => number, close: () => void, texts: SelfClosingTexts) {
  const announcer = useAnnouncerStore()
  const secondsLeftNow = () => Math.max(0, Math.ceil((closesAt() - Date.now()) / 1000))
  const secondsLeft = ref(secondsLeftNow())
  let timer: ReturnType<typeof setInterval> | undefined
  let warned = secondsLeft.value <= WARN_AT_SECONDS

  function tick(): void {
    secondsLeft.value = secondsLeftNow()
    if (secondsLeft.value <= 0) {
      clearInterval(timer)
      close()
      return
    }
    if (!warned && secondsLeft.value <= WARN_AT_SECONDS) {
      warned = true
      announcer.announce(texts.closingSoon(secondsLeft.value))
    }
  }

  onMounted(() => {
    announcer.announce(texts.opened(clock(secondsLeft.value)))
    timer = setInterval(tick, 1000)
  })
  onBeforeUnmount(() => clearInterval(timer))

  return { secondsLeft, timeLeft: computed(() => clock(secondsLeft.value)) }
}
