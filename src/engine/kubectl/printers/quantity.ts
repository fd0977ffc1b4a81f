/**
 * Resource quantities (`100m`, `128Mi`, `2`) parsed and printed in their canonical form, as
 * resource.Quantity.String() does in describe output (`Requests: cpu: 250m`, node totals).
 *
 * Upstream: k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity,
 * CanonicalizeBytes) and amount.go (AsCanonicalBytes, AsCanonicalBase1024Bytes).
 * Values are held as exact BigInt nano-units, so sums never lose precision.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

/** A quantity: its value in nano-units and the format it was written in. */
export interface Quantity {
  nanos: bigint
  format: QuantityFormat
}

const NANO = 1_000_000_000n
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n }
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([k, v]) => [v, k]))
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']

/** The zero Quantity (`resource.Quantity{}`), printed as `0`. */
export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' }

const pow10 = (e: number): bigint => 10n ** BigInt(e)

/**
 * resource.ParseQuantity; throws on malformed input. Precision below 1n is rounded up.
 * @example parseQuantity('1.5Gi') // { nanos: 1610612736000000000n, format: 'BinarySI' }
 */
export function parseQuantity(input: string | number): Quantity {
  const text = String(input).trim()
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(text)
  if (!m) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`)
  const [, sign, num, suffix] = m
  const [intPart, fracPart = ''] = num.split('.')
  // mantissa * 10^-frac.length
  let mantissa = BigInt((intPart || '0') + fracPart)
  let exp10 = -fracPart.length
  let format: QuantityFormat
  let multiplier = 1n
  if (suffix in BINARY) {
    format = 'BinarySI'
    multiplier = BINARY[suffix]
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI'
    exp10 += DECIMAL[suffix]
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent'
    exp10 += Number(suffix.slice(1))
  } else {
    throw new Error(`unable to parse quantity's suffix`)
  }
  mantissa *= multiplier
  // to nano-units: mantissa * 10^(exp10 + 9), rounding up what falls below a nano-unit
  const shift = exp10 + 9
  let nanos: bigint
  if (shift >= 0) nanos = mantissa * pow10(shift)
  else {
    const d = pow10(-shift)
    nanos = mantissa / d + (mantissa % d === 0n ? 0n : 1n)
  }
  return { nanos: sign === '-' ? -nanos : nanos, format }
}

/** Quantity.Add: the sum keeps the left operand's format unless it was zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format }
}

/** Rounds up (away from zero) to a multiple of `unit` nano-units, as ScaledValue does. */
function scaledValue(q: Quantity, unit: bigint): bigint {
  const quotient = q.nanos / unit
  const rem = q.nanos % unit
  if (rem === 0n) return quotient
  return q.nanos > 0n ? quotient + 1n : quotient - 1n
}

/** Quantity.Value(): whole units, rounded up. */
export const quantityValue = (q: Quantity): bigint => scaledValue(q, NANO)
/** Quantity.MilliValue(): thousandths, rounded up. */
export const quantityMilliValue = (q: Quantity): bigint => scaledValue(q, 1_000_000n)

function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let times = 0
  let v = value
  while (v !== 0n && v % base === 0n) {
    v /= base
    times++
  }
  return [v, times]
}

/**
 * Quantity.String(): the canonical form (`1500m`, `2k`, `1536Mi`, `0`).
 * @example formatQuantity(parseQuantity('0.5')) // '500m'
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0'
  let format = q.format
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO
    if (small || q.nanos % NANO !== 0n) format = 'DecimalSI'
  }
  if (format === 'BinarySI') {
    const [amount, exp] = removeFactors(q.nanos / NANO, 1024n)
    if (exp < BINARY_SUFFIX.length) return `${amount}${BINARY_SUFFIX[exp]}`
    return `${amount * 1024n ** BigInt(exp - 6)}Ei`
  }
  let [amount, exponent] = removeFactors(q.nanos, 10n)
  exponent -= 9
  const r = ((exponent % 3) + 3) % 3
  if (r === 1) {
    amount *= 10n
    exponent -= 1
  } else if (r === 2) {
    amount *= 100n
    exponent -= 2
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`
  const suffix = DECIMAL_SUFFIX[exponent]
  if (suffix !== undefined) return `${amount}${suffix}`
  return `${amount}e${exponent}`
}

/** Canonical form of a quantity string (`'0.5'` → `'500m'`); the input when it does not parse. */
export function canonicalQuantity(input: string | number): string {
  try {
    return formatQuantity(parseQuantity(input))
  } catch {
    return String(input)
  }
}
