/**
 * How gopkg.in/yaml.v2 (sigs.k8s.io/yaml/goyaml.v2, behind `kubectl -o yaml`) chooses a scalar's
 * style: plain when it reads back as the same string, otherwise quoted.
 *
 * Upstream: goyaml.v2 resolve.go (resolve, parseTimestamp), encode.go (stringv, isBase60Float,
 * floatv), emitterc.go (yaml_emitter_analyze_scalar, yaml_emitter_select_scalar_style) and
 * sorter.go (keyList.Less, the map key order).
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal'

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
])

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/

/** strconv.ParseInt/ParseUint(s, 0, 64) syntax (range ignored: out-of-range numbers are floats anyway). */
function goParsesAsInt(s: string): boolean {
  return /^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.test(s)
}

/** strconv.ParseFloat(s, 64) for strings starting with '.'. */
function goParsesAsFloat(s: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s)
}

const daysIn = (month: number, year: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** goyaml.v2 parseTimestamp: the four time.Parse layouts it accepts. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false
  const date = '(\\d{4})-(\\d{1,2})-(\\d{1,2})'
  const time = '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:[.,]\\d+)?'
  const layouts = [
    new RegExp(`^${date}[Tt]${time}(?:Z|[+-]\\d{2}:\\d{2})$`),
    new RegExp(`^${date} ${time}$`),
    new RegExp(`^${date}$`),
  ]
  for (const re of layouts) {
    const m = re.exec(s)
    if (!m) continue
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) continue
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) continue
    return true
  }
  return false
}

/** True when resolve("", s) gives a tag other than !!str (bool, null, int, float, timestamp). */
export function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true
  const c = s[0]
  if (c === '.') return goParsesAsFloat(s)
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return true
    const plain = s.replace(/_/g, '')
    if (goParsesAsInt(plain)) return true
    if (YAML_STYLE_FLOAT.test(plain)) return true
    if (/^-?0b[01]+$/.test(plain)) return true
  }
  return false
}

const isBase60Float = (s: string): boolean => s.length > 0 && /^[-+0-9]/.test(s) && s.includes(':') && BASE60_FLOAT.test(s)

/** libyaml is_printable, on code points. */
export function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  )
}
export const isBreak = (ch: string): boolean => ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029'
const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t'
const isBlankOrEnd = (ch: string | undefined): boolean => ch === undefined || isBlank(ch) || isBreak(ch)

interface ScalarAnalysis {
  multiline: boolean
  blockPlainAllowed: boolean
  singleQuotedAllowed: boolean
  blockAllowed: boolean
}

/** yaml_emitter_analyze_scalar (block context only; kubectl never emits flow collections). */
function analyzeScalar(value: string): ScalarAnalysis {
  const chars = [...value]
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false }
  let blockIndicators = value.startsWith('---') || value.startsWith('...')
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let precededByWhitespace = true
  let previousSpace = false
  let previousBreak = false
  chars.forEach((ch, i) => {
    const followedByWhitespace = isBlankOrEnd(chars[i + 1])
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true
    } else if (ch === ':' && followedByWhitespace) blockIndicators = true
    else if (ch === '#' && precededByWhitespace) blockIndicators = true
    // goyaml.v2 has no tab exception (v3 does): a tab is a special character
    if (!isPrintable(ch.codePointAt(0) as number)) special = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (isBreak(ch)) {
      lineBreaks = true
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWhitespace = isBlankOrEnd(ch)
  })
  const a: ScalarAnalysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true }
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false
  if (trailingSpace) a.blockAllowed = false
  if (breakSpace) {
    a.blockPlainAllowed = false
    a.singleQuotedAllowed = false
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false
    a.singleQuotedAllowed = false
  }
  if (spaceBreak || special) a.blockAllowed = false
  if (lineBreaks) a.blockPlainAllowed = false
  if (blockIndicators) a.blockPlainAllowed = false
  return a
}

/**
 * The style yaml.v2 writes a string in: encoder.stringv's request, then the emitter's fallbacks.
 * @example stringStyle('80', false) // 'double'
 */
export function stringStyle(s: string, simpleKey: boolean): ScalarStyle {
  let style: ScalarStyle
  if (s.includes('\n')) style = 'literal'
  else if (!resolvesToNonString(s) && !isBase60Float(s)) style = 'plain'
  else style = 'double'
  const a = analyzeScalar(s)
  if (simpleKey && a.multiline) style = 'double'
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single'
    if (s.length === 0 && simpleKey) style = 'single'
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double'
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double'
  return style
}

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch)
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{Nd}/u.test(ch)

/** goyaml.v2 keyList.Less for two string keys: letters after other characters, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a]
  const br = [...b]
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = isLetter(ar[i])
    const bl = isLetter(br[i])
    if (al && bl) return (ar[i].codePointAt(0) as number) < (br[i].codePointAt(0) as number)
    if (al || bl) return bl
    let an = 0
    let bn = 0
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1
          bn = 1
          break
        }
      }
    }
    let ai = i
    let bi = i
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + ((ar[ai].codePointAt(0) as number) - 48)
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + ((br[bi].codePointAt(0) as number) - 48)
    if (an !== bn) return an < bn
    if (ai !== bi) return ai < bi
    return (ar[i].codePointAt(0) as number) < (br[i].codePointAt(0) as number)
  }
  return ar.length < br.length
}

/**
 * A JSON number as goyaml.v2 writes it after sigs.k8s.io/yaml's JSON round trip: integers as
 * decimal ints, others as strconv.FormatFloat(f, 'g', -1, 64) (`1.5`, `1.2345675e+06`, `1e-05`).
 */
export function goNumber(f: number): string {
  if (Number.isNaN(f)) return '.nan'
  if (f === Infinity) return '.inf'
  if (f === -Infinity) return '-.inf'
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f)
  const [mantissa, expText] = f.toExponential().split('e')
  const exp = Number(expText)
  // shortest %g: exponent form when exp < -4 || exp >= 6 (eprec is 6 for the shortest precision)
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`
  }
  return String(f)
}
