// The polite aria-live message shared by every page ("Lista actualizada", "Caso creado").
import { defineStore } from 'pinia'
import { ref } from 'vue'

export const useAnnouncerStore = defineStore('announcer', () => {
  const message = ref('')

  function announce(text: string): void {
    // Clearing first makes a screen reader repeat a message identical to the last one.
    message.value = ''
    queueMicrotask(() => {
      message.value = text
    })
  }

  return { message, announce }
})
