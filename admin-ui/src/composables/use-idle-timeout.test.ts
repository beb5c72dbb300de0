import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { IDLE_TIMINGS, IDLE_TIMINGS_KEY, useIdleTimeout, type IdleTimeoutOptions } from './use-idle-timeout'
import { FAKE_CLOCK, memoryTabChannels } from '../test-support'
import type { TabMessage } from '../session/tabs'

// Shortened for the tests: warn after 28 s, end at 30 s (minutes in the portal).
const SHORT = { warnAfterMs: 28_000, signOutAfterMs: 30_000, tickMs: 100, shareEveryMs: 5_000 }

function watchIdle(options: Partial<IdleTimeoutOptions> = {}, provided = {}) {
  const onTimeout = vi.fn()
  const onActivity = vi.fn()
  let idle!: ReturnType<typeof useIdleTimeout>
  const Probe = defineComponent({
    setup() {
      idle = useIdleTimeout({ timings: SHORT, onTimeout, onActivity, ...options })
      return () => h('input', { id: 'probe' })
    },
  })
  const wrapper = mount(Probe, { attachTo: document.body, global: { provide: { [IDLE_TIMINGS_KEY as symbol]: provided } } })
  return { idle, onTimeout, onActivity, wrapper }
}

function press(): void {
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
}

beforeEach(() => vi.useFakeTimers(FAKE_CLOCK))
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('idle timeout', () => {
  it('the portal defaults are 28 minutes to the warning and 30 to the end', () => {
    expect(IDLE_TIMINGS.warnAfterMs).toBe(28 * 60_000)
    expect(IDLE_TIMINGS.signOutAfterMs).toBe(30 * 60_000)
  })

  it('warns at the warning time, counts down, and ends the session once at the limit', async () => {
    const { idle, onTimeout } = watchIdle()
    await vi.advanceTimersByTimeAsync(27_900)
    expect(idle.warning.value).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    expect(idle.warning.value).toBe(true)
    expect(idle.secondsLeft.value).toBe(2)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(idle.secondsLeft.value).toBe(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
    expect(idle.warning.value).toBe(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
  })

  it('pointer, keys and focus count as activity and start the count again', async () => {
    const { idle, onTimeout, onActivity, wrapper } = watchIdle()
    await vi.advanceTimersByTimeAsync(20_000)
    press()
    await vi.advanceTimersByTimeAsync(20_000)
    document.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    await vi.advanceTimersByTimeAsync(20_000)
    wrapper.get('#probe').element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await vi.advanceTimersByTimeAsync(20_000)
    expect(idle.warning.value).toBe(false)
    expect(onTimeout).not.toHaveBeenCalled()
    expect(onActivity).toHaveBeenCalledTimes(3)
  })

  it('once the warning shows, moving about does not dismiss it; "Seguir trabajando" does', async () => {
    const { idle, onTimeout } = watchIdle()
    await vi.advanceTimersByTimeAsync(28_500)
    expect(idle.warning.value).toBe(true)
    press()
    await vi.advanceTimersByTimeAsync(200)
    expect(idle.warning.value).toBe(true)

    idle.keepWorking()
    await vi.advanceTimersByTimeAsync(27_000)
    expect(idle.warning.value).toBe(false)
    expect(onTimeout).not.toHaveBeenCalled()
  })

  it('judges by the clock: a computer that slept past the limit ends the session at the next tick', async () => {
    const { onTimeout } = watchIdle({ timings: { ...SHORT, tickMs: 60_000 } })
    vi.setSystemTime(Date.now() + 45_000)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
  })

  it('a tab that wakes from a freeze waits one tick for the other tabs’ news before ending anything', async () => {
    const [here, there] = memoryTabChannels(2)
    const { onTimeout } = watchIdle({ channel: here })
    vi.setSystemTime(Date.now() + 45_000)
    await vi.advanceTimersByTimeAsync(100)
    expect(onTimeout).not.toHaveBeenCalled()
    // The queued message of an active tab arrives: nothing ends.
    there!.post({ type: 'activity' })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(onTimeout).not.toHaveBeenCalled()

    // Without such news, the next tick decides.
    vi.setSystemTime(Date.now() + 45_000)
    await vi.advanceTimersByTimeAsync(200)
    expect(onTimeout).toHaveBeenCalledTimes(1)
  })

  it('activity in another tab counts here, and activity here is told to the others (not on every move)', async () => {
    const [here, there] = memoryTabChannels(2)
    const heard: TabMessage[] = []
    there!.listen((message) => heard.push(message))
    const { idle, onTimeout } = watchIdle({ channel: here })

    await vi.advanceTimersByTimeAsync(28_500)
    expect(idle.warning.value).toBe(true)
    there!.post({ type: 'activity' })
    await vi.advanceTimersByTimeAsync(200)
    expect(idle.warning.value).toBe(false)
    expect(onTimeout).not.toHaveBeenCalled()

    press()
    press()
    press()
    expect(heard).toEqual([{ type: 'activity' }])
    await vi.advanceTimersByTimeAsync(5_000)
    press()
    expect(heard).toHaveLength(2)
  })

  it('the portal can shorten the timings for every watcher it provides them to', async () => {
    const { idle } = watchIdle({ timings: undefined }, { warnAfterMs: 1_000, signOutAfterMs: 5_000, tickMs: 100 })
    await vi.advanceTimersByTimeAsync(1_100)
    expect(idle.warning.value).toBe(true)
    expect(idle.secondsLeft.value).toBe(4)
  })

  it('stops listening when the signed-in frame goes away', async () => {
    const { onTimeout, wrapper } = watchIdle()
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(onTimeout).not.toHaveBeenCalled()
  })
})
