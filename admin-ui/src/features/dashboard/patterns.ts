// Fills that stay apart in grey scale and for colour-blind readers: one hue in distinct lightness
// steps, each series with its own texture (solid, stripes, dots, cross-hatch…), plus the hatch that
// marks a withheld province on the map. Without a canvas (tests), the plain colour is used.

/** Lightness steps of one blue, dark to light: distinct when printed in grey. */
export const SERIES_COLOURS = ['#0b3a6e', '#5b8fc9', '#a9c6e8', '#27598f', '#dce8f6', '#84abd9', '#173f66', '#c4d8ef'] as const
type Texture = 'solid' | 'stripes' | 'dots' | 'cross' | 'lines' | 'grid'
const TEXTURES: Texture[] = ['solid', 'stripes', 'dots', 'cross', 'lines', 'grid']
const INK = '#10253f'

function tile(draw: (ctx: CanvasRenderingContext2D, size: number) => void, background: string): CanvasPattern | string {
  if (typeof document === 'undefined') return background
  const canvas = document.createElement('canvas')
  const size = 10
  canvas.width = size
  canvas.height = size
  let ctx: CanvasRenderingContext2D | null = null
  try {
    ctx = canvas.getContext('2d')
  } catch {
    ctx = null
  }
  if (!ctx) return background
  ctx.fillStyle = background
  ctx.fillRect(0, 0, size, size)
  draw(ctx, size)
  return ctx.createPattern(canvas, 'repeat') ?? background
}

function texture(kind: Texture, background: string, ink: string): CanvasPattern | string {
  if (kind === 'solid') return background
  return tile((ctx, size) => {
    ctx.strokeStyle = ink
    ctx.fillStyle = ink
    ctx.lineWidth = 1.5
    ctx.beginPath()
    if (kind === 'stripes' || kind === 'cross') {
      ctx.moveTo(0, size)
      ctx.lineTo(size, 0)
    }
    if (kind === 'cross') {
      ctx.moveTo(0, 0)
      ctx.lineTo(size, size)
    }
    if (kind === 'lines' || kind === 'grid') {
      ctx.moveTo(0, size / 2)
      ctx.lineTo(size, size / 2)
    }
    if (kind === 'grid') {
      ctx.moveTo(size / 2, 0)
      ctx.lineTo(size / 2, size)
    }
    ctx.stroke()
    if (kind === 'dots') {
      ctx.beginPath()
      ctx.arc(size / 2, size / 2, 1.8, 0, Math.PI * 2)
      ctx.fill()
    }
  }, background)
}

/** The fill of the n-th series: a lightness step and a texture, both different from its neighbours'. */
export function seriesFill(index: number): CanvasPattern | string {
  const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!
  const dark = index % SERIES_COLOURS.length === 0 || index % SERIES_COLOURS.length === 3 || index % SERIES_COLOURS.length === 6
  return texture(TEXTURES[index % TEXTURES.length]!, colour, dark ? '#ffffff' : INK)
}

/** The hatch of a withheld province: white with dark diagonal lines, unlike any step of the scale. */
export function withheldHatch(): CanvasPattern | string {
  return texture('cross', '#ffffff', '#333333')
}

/** The map's single-hue scale: 0 (few) is very light, 1 (most) dark. */
export function mapShade(normalised: number): string {
  const v = Math.min(1, Math.max(0, normalised))
  return `hsl(212 65% ${Math.round(94 - v * 66)}%)`
}

export const SERIES_BORDER = INK
