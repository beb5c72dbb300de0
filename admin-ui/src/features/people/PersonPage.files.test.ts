import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { setLanguage } from '../../i18n'
import { resetAllStores } from '../../stores/reset'
import { FAKE_CLOCK, getButton, getControl, type FakeRequest } from '../../test-support'
import { CODE, showPersonPage, unmountPersonPages } from './test-fixtures'
import type { PersonFile } from './people-api'
import { readAsBase64 } from './person-files'

// The 8-byte PNG signature and a few more bytes: enough for the server's content check.
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
const PNG_BASE64 = btoa(String.fromCharCode(...PNG_BYTES))
const FILE_NAME = 'foto-persona-ficticia.png'
const REASON = 'Confirmar la identidad antes de la entrevista.'
const LISTED: PersonFile[] = [
  { id: 'f1', kind: 'photo', mimeType: 'image/png', size: 12_800, uploadedAt: '2099-03-15T14:30:00.000Z' },
  { id: 'f2', kind: 'identity-document', mimeType: 'application/pdf', size: 2_202_009, uploadedAt: '2099-03-14T12:00:00.000Z' },
]

/** jsdom has no object URLs: these keep a record of what was made and what was revoked. */
const objectUrls = { made: new Map<string, Blob>(), revoked: [] as string[] }

async function showPerson(files: PersonFile[] = LISTED, upload: (request: FakeRequest) => { status?: number; body?: unknown } = () => ({ status: 201, body: { data: LISTED[0] } })) {
  let listed = files
  const page = await showPersonPage({
    files: (request) => {
      if (request.url.pathname.endsWith('/open')) {
        const pdf = request.url.pathname.includes('/f2/')
        return { body: { data: { fileName: pdf ? 'cedula-ficticia.pdf' : FILE_NAME, mimeType: pdf ? 'application/pdf' : 'image/png', contentBase64: PNG_BASE64 } } }
      }
      if (request.method === 'POST') {
        const answer = upload(request)
        if ((answer.status ?? 200) < 300) listed = [...LISTED]
        return answer
      }
      return { body: { data: listed } }
    },
  })
  return { ...page, posts: () => page.sent('POST') }
}

async function chooseFile(wrapper: VueWrapper, file: File) {
  const input = getControl(wrapper, 'Archivo')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

async function openFile(wrapper: VueWrapper, name = 'Ver archivo 1 (Fotografía)') {
  await wrapper.get(`button[aria-label="${name}"]`).trigger('click')
  await flushPromises()
  const reason = document.querySelector<HTMLTextAreaElement>('[role="dialog"] textarea')!
  reason.value = REASON
  reason.dispatchEvent(new Event('input'))
  await wrapper.get('[role="dialog"] form').trigger('submit')
  await flushPromises()
}

beforeEach(() => {
  setLanguage('es')
  let next = 0
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:http://portal.test/${(next += 1)}`
    objectUrls.made.set(url, blob)
    return url
  }
  URL.revokeObjectURL = (url: string) => void objectUrls.revoked.push(url)
})
afterEach(() => {
  unmountPersonPages()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  objectUrls.made.clear()
  objectUrls.revoked.length = 0
  document.body.innerHTML = ''
})

describe('"Fotos y documentos"', () => {
  it('lists each file by kind, format, size and date, never by its name', async () => {
    const { wrapper } = await showPerson()
    const rows = wrapper.findAll('table[aria-labelledby="person-files-heading"] tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows[0]).toEqual(['Fotografía', 'PNG', '12.5 kB', '15/03/2099 10:30', 'Ver'])
    expect(wrapper.findAll('button[aria-label^="Ver archivo"]').map((button) => button.attributes('aria-label'))).toEqual(['Ver archivo 1 (Fotografía)', 'Ver archivo 2 (Documento de identidad)'])
    expect(rows[1]?.slice(0, 3)).toEqual(['Documento de identidad', 'PDF', '2.1 MB'])
  })

  it('uploads a file read in the browser, sent as base64 in the body, and lists it', async () => {
    const { wrapper, posts } = await showPerson([])
    expect(wrapper.text()).toContain('No hay fotos ni documentos registrados.')
    await getButton(wrapper, 'Subir archivo').trigger('click')
    await flushPromises()
    expect(document.activeElement).toBe(getControl(wrapper, 'Tipo de archivo').element)
    await getControl(wrapper, 'Tipo de archivo').setValue('photo')
    await chooseFile(wrapper, new File([PNG_BYTES], FILE_NAME, { type: 'image/png' }))
    await wrapper.get('.upload-form').trigger('submit')
    // jsdom's FileReader reads on a later turn.
    await vi.waitFor(() => expect(posts()).toHaveLength(1))
    await flushPromises()
    expect(posts()[0]?.url.pathname).toBe(`/api/people/by-code/${CODE}/files`)
    expect(posts()[0]?.body).toEqual({ kind: 'photo', fileName: FILE_NAME, mimeType: 'image/png', contentBase64: PNG_BASE64 })
    expect(wrapper.find('.upload-form').exists()).toBe(false)
    expect(wrapper.text()).toContain('Archivo subido.')
    expect(wrapper.findAll('table[aria-labelledby="person-files-heading"] tbody tr')).toHaveLength(2)
    expect(wrapper.text()).not.toContain(FILE_NAME)
    expect(document.activeElement?.id).toBe('files-upload-button')
  })

  it('refuses a wrong type or a missing kind before sending, and places the server’s refusal next to the file', async () => {
    const message = 'El contenido del archivo no corresponde a su formato.'
    const { wrapper, posts } = await showPerson([], () => ({
      status: 400,
      body: { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['contentBase64'], message }] } } },
    }))
    await getButton(wrapper, 'Subir archivo').trigger('click')
    await flushPromises()
    await chooseFile(wrapper, new File(['hola'], 'notas.txt', { type: 'text/plain' }))
    await wrapper.get('.upload-form').trigger('submit')
    await flushPromises()
    expect(posts()).toEqual([])
    expect(getControl(wrapper, 'Tipo de archivo').attributes('aria-invalid')).toBe('true')
    expect(getControl(wrapper, 'Archivo').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Formato no admitido: elija un archivo JPEG, PNG, WebP o PDF.')
    expect(document.activeElement).toBe(getControl(wrapper, 'Tipo de archivo').element)

    await getControl(wrapper, 'Tipo de archivo').setValue('identity-document')
    await chooseFile(wrapper, new File([PNG_BYTES], 'falso.pdf', { type: 'application/pdf' }))
    await wrapper.get('.upload-form').trigger('submit')
    await vi.waitFor(() => expect(posts()).toHaveLength(1))
    await flushPromises()
    const file = getControl(wrapper, 'Archivo')
    expect(file.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(file.attributes('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(message)
    expect(document.activeElement).toBe(file.element)
  })

  it('"Ver" asks for a reason, shows the image in a panel that closes itself, and then forgets it', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    const { wrapper, posts, store, server } = await showPerson()
    await openFile(wrapper)
    expect(posts()[0]?.url.pathname).toBe(`/api/people/by-code/${CODE}/files/f1/open`)
    expect(posts()[0]?.body).toEqual({ reason: REASON })
    const panel = wrapper.get('.file-panel')
    expect(document.activeElement?.id).toBe('file-panel-heading')
    expect(panel.get('h3').text()).toBe(`Fotografía de ${CODE}`)
    expect(panel.text()).toContain(FILE_NAME)
    const image = panel.get('img')
    expect(image.attributes('alt')).toBe(`Fotografía de ${CODE}`)
    const url = image.attributes('src')!
    expect(objectUrls.made.get(url)?.type).toBe('image/png')
    // The opening is on the record: "Quién vio la identidad" is read again.
    expect(server.requests.filter((request) => request.url.pathname.endsWith('/reveals'))).toHaveLength(2)

    vi.advanceTimersByTime(120_000)
    await flushPromises()
    expect(wrapper.find('.file-panel').exists()).toBe(false)
    expect(objectUrls.revoked).toEqual([url])
    expect(store.openedFile).toBeNull()
    expect(wrapper.text()).not.toContain(FILE_NAME)
    expect(document.activeElement?.id).toBe('file-open-f1')
    // The image was the file's very bytes.
    vi.useRealTimers()
    expect(await readAsBase64(objectUrls.made.get(url)!)).toBe(PNG_BASE64)
  })

  it('offers a PDF as a download under a name that says nothing about the person', async () => {
    const { wrapper } = await showPerson()
    await openFile(wrapper, 'Ver archivo 2 (Documento de identidad)')
    const link = wrapper.get('.file-panel a')
    expect(link.text()).toBe('Descargar el PDF')
    expect(link.attributes('download')).toBe(`${CODE}-identity-document.pdf`)
    expect(objectUrls.made.has(link.attributes('href')!)).toBe(true)
    await getButton(wrapper, 'Cerrar').trigger('click')
    await flushPromises()
    expect(objectUrls.revoked).toEqual([link.attributes('href')])
    expect(document.activeElement?.id).toBe('file-open-f2')
  })

  it('signing out or leaving the page drops the opened file from the screen and from memory', async () => {
    const { wrapper, store, pinia, router } = await showPerson()
    await openFile(wrapper)
    expect(store.openedFile?.fileName).toBe(FILE_NAME)
    resetAllStores(pinia)
    await flushPromises()
    expect(store.openedFile).toBeNull()
    expect(wrapper.find('.file-panel').exists()).toBe(false)
    expect(objectUrls.revoked).toHaveLength(1)

    await openFile(wrapper)
    await router.push('/casos')
    await flushPromises()
    expect(store.openedFile).toBeNull()
    expect(objectUrls.revoked).toHaveLength(2)
  })
})
