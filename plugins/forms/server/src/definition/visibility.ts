// Which fields of a form show, given the answers: a field shows when the field its condition names
// shows and holds one of the listed values (for a list: any of them). The portal imports this file
// too, so the server and the screen apply one rule; keep it free of imports.

export interface ConditionalField {
  key: string
  showWhen?: { field: string; in: ReadonlyArray<string | number | boolean> } | null
}

/** The keys of the fields that show, in form order. */
export function visibleKeys(fields: readonly ConditionalField[], answers: Readonly<Record<string, unknown>>): Set<string> {
  const shown = new Set<string>()
  for (const field of fields) {
    const when = field.showWhen
    if (!when) {
      shown.add(field.key)
      continue
    }
    if (!shown.has(when.field)) continue
    const value = answers[when.field]
    const holds = Array.isArray(value)
      ? value.some((v) => when.in.includes(v as string))
      : when.in.includes(value as string | number | boolean)
    if (holds) shown.add(field.key)
  }
  return shown
}
