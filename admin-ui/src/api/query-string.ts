// Turns nested plain data into the bracket query strings Strapi reads, e.g. filters[stage][$eq]=x.
export type QueryPrimitive = string | number | boolean
export type QueryValue = QueryPrimitive | null | undefined | QueryValue[] | { [key: string]: QueryValue }
export type QueryParams = Record<string, QueryValue>

function isEmpty(value: QueryValue): boolean {
  return value === null || value === undefined || value === ''
}

/**
 * Keys and values are percent-encoded whole (brackets become %5B and %5D, as qs does), empty values
 * are left out and array indices stay dense, so the server never sees a gap or a stray "null".
 */
export function buildQuery(params: QueryParams): string {
  const pairs: string[] = []
  const walk = (key: string, value: QueryValue): void => {
    if (isEmpty(value)) return
    if (Array.isArray(value)) {
      value.filter((item) => !isEmpty(item)).forEach((item, index) => walk(`${key}[${index}]`, item))
    } else if (typeof value === 'object' && value !== null) {
      for (const [childKey, child] of Object.entries(value)) walk(`${key}[${childKey}]`, child)
    } else {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    }
  }
  for (const [key, value] of Object.entries(params)) walk(key, value)
  return pairs.join('&')
}

/** The path with its query string, or the bare path when nothing is left to send. */
export function withQuery(path: string, params: QueryParams | undefined): string {
  const query = params ? buildQuery(params) : ''
  return query ? `${path}?${query}` : path
}
