// Number formats shared by screens that should not pull each other's code in.

/**
 * A rate 0..1 as a percentage with one decimal, rounded down: 2330 of 2331 must never
 * read as 100%, only a complete coverage does.
 */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  const tenths = Math.floor(rate * 1000 + 1e-9)
  return `${(tenths / 10).toFixed(tenths % 10 === 0 ? 0 : 1)}%`
}
