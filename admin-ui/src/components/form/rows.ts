// What forms with rows the user adds and removes share: telling a box or a row left blank, and
// placing the server's field errors by their path ("consents.0.givenOn") next to the boxes shown.
import type { FieldError } from '../../api/http'

export const isBlank = (text: string) => text.trim() === ''

/** A row whose every box is blank (added, then not used). Booleans and lists count as filled. */
export const isBlankRow = (row: object) => Object.values(row).every((value) => typeof value === 'string' && isBlank(value))

/**
 * The server's field errors by key (the path joined with dots), for the keys the form shows; the
 * rest are general. `rowBox` sends a key no box answers to (a whole row) to the box that should hold it.
 */
export function placeByPath(
  errors: FieldError[],
  shown: ReadonlySet<string>,
  rowBox: (key: string) => string | null = () => null,
): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {}
  const general: string[] = []
  for (const error of errors) {
    const key = error.path.join('.')
    const target = shown.has(key) ? key : rowBox(key)
    if (target && shown.has(target)) fields[target] ||= error.message
    else general.push(error.message)
  }
  return { fields, general }
}
