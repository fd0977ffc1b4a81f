/**
 * Shell arithmetic, `$(( ))`: integers only, as POSIX shells do.
 */
import { Unsupported } from './shell-parse'

/** A malformed expression or a division by zero. */
export class ArithError extends Error {}

/** Integer arithmetic of `$(( ))`: + - * / % ** << >> < <= > >= == != & ^ | && || ! ~ ?: = += -= *= /= %= and parentheses. */
export function evalArith(text: string, vars: Map<string, string>): number {
  const toks = text.match(/\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%]=|\+\+|--|[-+*/%<>&^|!~?:()=])/g)
  const tokens = (toks ?? []).map((t) => t.trim())
  if (tokens.join('') !== text.replace(/\s+/g, '')) throw new ArithError('syntax error')
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const num = (name: string): number => {
    const v = vars.get(name) ?? ''
    if (v.trim() === '') return 0
    if (!/^\s*-?\d+\s*$/.test(v)) throw new ArithError('expecting primary')
    return Number(v)
  }
  const trunc = (n: number) => Math.trunc(n)
  const primary = (): number => {
    const t = next()
    if (t === undefined) throw new ArithError('expecting primary')
    if (t === '(') {
      const v = assignment()
      if (next() !== ')') throw new ArithError('expecting )')
      return v
    }
    if (t === '-') return -primary()
    if (t === '+') return primary()
    if (t === '!') return primary() === 0 ? 1 : 0
    if (t === '~') return ~primary()
    if (t === '++' || t === '--') throw new Unsupported(`the arithmetic operator ${t}`)
    if (/^0[xX]/.test(t)) return parseInt(t, 16)
    if (/^0\d+$/.test(t)) return parseInt(t, 8)
    if (/^\d+$/.test(t)) return Number(t)
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '++' || peek() === '--') throw new Unsupported(`the arithmetic operator ${peek()}`)
      return num(t)
    }
    throw new ArithError('expecting primary')
  }
  const levels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'], ['**']]
  const binary = (level: number): number => {
    if (level === levels.length) return primary()
    let v = binary(level + 1)
    while (peek() !== undefined && levels[level].includes(peek()!)) {
      const op = next()
      const r = binary(level + 1)
      switch (op) {
        case '||': v = v !== 0 || r !== 0 ? 1 : 0; break
        case '&&': v = v !== 0 && r !== 0 ? 1 : 0; break
        case '|': v |= r; break
        case '^': v ^= r; break
        case '&': v &= r; break
        case '==': v = v === r ? 1 : 0; break
        case '!=': v = v !== r ? 1 : 0; break
        case '<': v = v < r ? 1 : 0; break
        case '<=': v = v <= r ? 1 : 0; break
        case '>': v = v > r ? 1 : 0; break
        case '>=': v = v >= r ? 1 : 0; break
        case '<<': v = v << r; break
        case '>>': v = v >> r; break
        case '+': v += r; break
        case '-': v -= r; break
        case '*': v *= r; break
        case '/': if (r === 0) throw new ArithError('division by zero'); v = trunc(v / r); break
        case '%': if (r === 0) throw new ArithError('division by zero'); v %= r; break
        case '**': v = v ** r; break
      }
    }
    return v
  }
  const ternary = (): number => {
    const c = binary(0)
    if (peek() !== '?') return c
    next()
    const a = assignment()
    if (next() !== ':') throw new ArithError('expecting :')
    const b = assignment()
    return c !== 0 ? a : b
  }
  const assignment = (): number => {
    const t = tokens[i]
    const op = tokens[i + 1]
    if (t !== undefined && /^[A-Za-z_]/.test(t) && op !== undefined && ['=', '+=', '-=', '*=', '/=', '%='].includes(op)) {
      i += 2
      const r = assignment()
      const cur = num(t)
      let v: number
      switch (op) {
        case '=': v = r; break
        case '+=': v = cur + r; break
        case '-=': v = cur - r; break
        case '*=': v = cur * r; break
        case '/=': if (r === 0) throw new ArithError('division by zero'); v = trunc(cur / r); break
        default: if (r === 0) throw new ArithError('division by zero'); v = cur % r
      }
      vars.set(t, String(v))
      return v
    }
    return ternary()
  }
  if (tokens.length === 0) return 0
  const v = assignment()
  if (i < tokens.length) throw new ArithError('syntax error')
  return v
}
