import { afterEach, describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useFocusTrap, type FocusTrapOptions } from './use-focus-trap'

function box(html: string, options?: FocusTrapOptions) {
  const outside = document.createElement('button')
  outside.id = 'outside'
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(outside, container)
  const trap = useFocusTrap(ref(container), options)
  return { container, outside, trap }
}

function tab(shiftKey = false): KeyboardEvent {
  return new KeyboardEvent('keydown', { key: 'Tab', shiftKey, cancelable: true })
}

function byId(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('focus trap', () => {
  const FORM = '<textarea id="a"></textarea><button id="b" disabled>b</button><a id="c" href="#">c</a><button id="d">d</button>'

  it('Tab on the last element goes back to the first', () => {
    const { trap } = box(FORM)
    byId('d').focus()
    const event = tab()
    trap.onKeydown(event)
    expect(event.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(byId('a'))
  })

  it('Shift+Tab on the first element goes to the last', () => {
    const { trap } = box(FORM)
    byId('a').focus()
    const event = tab(true)
    trap.onKeydown(event)
    expect(event.defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(byId('d'))
  })

  it('leaves Tab between inner elements and other keys to the browser', () => {
    const { trap } = box(FORM)
    byId('c').focus()
    const event = tab()
    trap.onKeydown(event)
    expect(event.defaultPrevented).toBe(false)
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true })
    byId('d').focus()
    trap.onKeydown(enter)
    expect(enter.defaultPrevented).toBe(false)
    expect(document.activeElement).toBe(byId('d'))
  })

  it('brings focus from outside back to the first or last element', () => {
    const { trap, outside } = box(FORM)
    outside.focus()
    trap.onKeydown(tab())
    expect(document.activeElement).toBe(byId('a'))
    outside.focus()
    trap.onKeydown(tab(true))
    expect(document.activeElement).toBe(byId('d'))
  })

  it('holds Tab when nothing inside can take focus, unless told to let it through', () => {
    const held = box('<button disabled>x</button>').trap
    const first = tab()
    held.onKeydown(first)
    expect(first.defaultPrevented).toBe(true)
    document.body.innerHTML = ''
    const released = box('<button disabled>x</button>', { releaseWhenEmpty: true }).trap
    const second = tab()
    released.onKeydown(second)
    expect(second.defaultPrevented).toBe(false)
  })

  it('hands Escape to the dialog when asked, and keeps it from going further; without onEscape it leaves Escape alone', () => {
    let closed = 0
    const { trap } = box(FORM, { onEscape: () => (closed += 1) })
    const escape = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true })
    let propagated = true
    escape.stopPropagation = () => (propagated = false)
    trap.onKeydown(escape)
    expect([closed, escape.defaultPrevented, propagated]).toEqual([1, true, false])
    const plain = box(FORM).trap
    const ignored = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true })
    plain.onKeydown(ignored)
    expect(ignored.defaultPrevented).toBe(false)
  })

  it('takes part only the elements of the given selector', () => {
    const { trap } = box('<input id="i" /><button id="x">x</button><button id="y">y</button>', { selector: 'button:not([disabled])' })
    byId('y').focus()
    trap.onKeydown(tab())
    expect(document.activeElement).toBe(byId('x'))
  })
})
