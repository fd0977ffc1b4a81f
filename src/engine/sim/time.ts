/**
 * Virtual time. The cluster's clock counts milliseconds from a fixed epoch so that timestamps in
 * objects are real RFC 3339 strings and the same run prints the same dates.
 */
export const EPOCH_MS = Date.UTC(2025, 0, 6, 9, 0, 0)

/**
 * RFC 3339 with second precision, as metav1.Time serialises (`2025-01-06T09:00:00Z`). The last
 * few seconds asked for are remembered: callers alternate between now and a few stored times.
 */
const recentSeconds: number[] = []
const recentTexts: string[] = []

export function rfc3339(virtualMs: number): string {
  const second = Math.floor(virtualMs / 1000)
  for (let i = 0; i < recentSeconds.length; i++) if (recentSeconds[i] === second) return recentTexts[i]
  const text = new Date(EPOCH_MS + second * 1000).toISOString().slice(0, 19) + 'Z'
  if (recentSeconds.length === 4) {
    recentSeconds.shift()
    recentTexts.shift()
  }
  recentSeconds.push(second)
  recentTexts.push(text)
  return text
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime, Event eventTime). */
export function rfc3339Micro(virtualMs: number): string {
  return new Date(EPOCH_MS + virtualMs).toISOString().slice(0, 23) + '000Z'
}

/** Parses an RFC 3339 timestamp back to virtual ms. */
export function parseTime(s: string | undefined): number {
  if (!s) return 0
  return Date.parse(s) - EPOCH_MS
}
