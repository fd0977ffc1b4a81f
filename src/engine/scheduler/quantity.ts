/**
 * Resource quantities as the scheduler reads them: `resource.Quantity.MilliValue()` for CPU and
 * `resource.Quantity.Value()` for everything else.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity,
 * ScaledValue). Both accessors round *up* (ceil) when the quantity has more precision than the
 * scale asked for: `0.5m` of CPU is 1 millicore, `1.5` bytes is 2 bytes.
 *
 * The arithmetic is exact (BigInt) until the final conversion to a JS number, so `1.1Gi` or
 * `0.001` never suffer from binary floating point.
 */

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/

const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
}

/** A parsed quantity as an exact rational: num / den (den > 0). */
interface Rational {
  num: bigint
  den: bigint
}

/** Parses a quantity string into an exact rational, or undefined when it is not a valid quantity. */
function parseRational(s: string): Rational | undefined {
  const m = QUANTITY.exec(s.trim())
  if (!m) return undefined
  const [, sign, intPart, fracPartRaw, suffix] = m
  const fracPart = fracPartRaw ?? ''
  if (intPart === '' && fracPart === '') return undefined
  let num = BigInt((intPart || '0') + fracPart)
  let den = 10n ** BigInt(fracPart.length)
  if (sign === '-') num = -num

  if (suffix in BINARY_SUFFIX) {
    num *= 2n ** BigInt(BINARY_SUFFIX[suffix])
  } else if (suffix in DECIMAL_SUFFIX) {
    const e = DECIMAL_SUFFIX[suffix]
    if (e >= 0) num *= 10n ** BigInt(e)
    else den *= 10n ** BigInt(-e)
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    const e = Number(suffix.slice(1))
    if (e >= 0) num *= 10n ** BigInt(e)
    else den *= 10n ** BigInt(-e)
  } else {
    return undefined
  }
  return { num, den }
}

/** ceil(num / den) for den > 0, as upstream ScaledValue rounds. */
function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den
  return num % den !== 0n && num > 0n ? q + 1n : q
}

// Quantities repeat a lot ("100m", "128Mi"): memoise the parse. Pure, so safe to share.
const milliCache = new Map<string, number>()
const valueCache = new Map<string, number>()
const CACHE_LIMIT = 10_000

function memo(cache: Map<string, number>, key: string, compute: () => number): number {
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const v = compute()
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(key, v)
  return v
}

/** A quantity as it appears in a ResourceList: a string, or a number in hand-written objects. */
export type QuantityInput = string | number | undefined | null

/**
 * The quantity in milli-units, rounded up: `resource.Quantity.MilliValue()`.
 * Used for CPU: `parseCPU('500m') === 500`, `parseCPU('2') === 2000`, `parseCPU('0.5') === 500`,
 * `parseCPU('0.1m') === 1`. Invalid input gives 0 (the apiserver rejects it before it gets here).
 */
export function parseCPU(q: QuantityInput): number {
  if (q === undefined || q === null || q === '') return 0
  const s = String(q)
  return memo(milliCache, s, () => {
    const r = parseRational(s)
    return r ? Number(ceilDiv(r.num * 1000n, r.den)) : 0
  })
}

/**
 * The quantity in whole units, rounded up: `resource.Quantity.Value()`.
 * Used for memory and ephemeral storage in bytes: `parseMemory('128Mi') === 134217728`,
 * `parseMemory('1G') === 1e9`, `parseMemory('1e3') === 1000`, `parseMemory('100m') === 1`.
 */
export function parseMemory(q: QuantityInput): number {
  if (q === undefined || q === null || q === '') return 0
  const s = String(q)
  return memo(valueCache, s, () => {
    const r = parseRational(s)
    return r ? Number(ceilDiv(r.num, r.den)) : 0
  })
}

/** `resource.Quantity.Value()` for any countable resource (pods, extended resources): same as parseMemory. */
export const parseValue = parseMemory

/** Whether the string is a syntactically valid quantity. */
export function isValidQuantity(q: string): boolean {
  return parseRational(q) !== undefined
}
