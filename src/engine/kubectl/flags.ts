/**
 * Flag parsing with pflag's rules and error texts: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-oyaml`, boolean flags with optional `=true|false`, `--` ends flags.
 * Upstream: github.com/spf13/pflag flag.go, cobra's error wrapping in kubectl.
 */
export interface FlagSpec {
  name: string
  short?: string
  /** `stringArray` splits on commas as pflag's StringSlice does; `rawArray` is pflag's StringArray (no split). */
  type: 'bool' | 'string' | 'int' | 'stringArray' | 'rawArray' | 'duration'
  default?: string | boolean | number
}

export type FlagValues = Record<string, string | boolean | number | string[] | undefined>

export class FlagError extends Error {}

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
]

export function parseFlags(args: string[], specs: FlagSpec[], cmdPath: string): { flags: FlagValues; positional: string[] } {
  // A command's own flag shadows a global one of the same name (`create rolebinding --user`).
  const all = [...GLOBAL_FLAGS, ...specs]
  const byName = new Map(all.map((s) => [s.name, s]))
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]))
  const flags: FlagValues = {}
  const positional: string[] = []
  const set = (s: FlagSpec, v: string | boolean) => {
    if (s.type === 'bool') {
      if (typeof v === 'boolean') flags[s.name] = v
      else if (v === 'true' || v === 'false') flags[s.name] = v === 'true'
      else throw new FlagError(`invalid argument "${v}" for "${s.short ? `-${s.short}, ` : ''}--${s.name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`)
    } else if (s.type === 'int') {
      if (!/^-?\d+$/.test(String(v))) throw new FlagError(`invalid argument "${v}" for "${s.short ? `-${s.short}, ` : ''}--${s.name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`)
      flags[s.name] = Number(v)
    } else if (s.type === 'stringArray') {
      const prev = (flags[s.name] as string[] | undefined) ?? []
      flags[s.name] = [...prev, ...String(v).split(',').filter((x) => x !== '' || s.name !== 'filename')]
    } else if (s.type === 'rawArray') {
      flags[s.name] = [...((flags[s.name] as string[] | undefined) ?? []), String(v)]
    } else flags[s.name] = String(v)
  }
  const usage = `\nSee '${cmdPath} --help' for usage.`
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      positional.push(...args.slice(i + 1))
      break
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const s = byName.get(name)
      if (!s) throw new FlagError(`unknown flag: --${name}${usage}`)
      if (eq >= 0) set(s, a.slice(eq + 1))
      else if (s.type === 'bool') set(s, true)
      else {
        if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: --${name}${usage}`)
        set(s, args[++i])
      }
    } else if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // Shorthand: -n ns, -nns, -oyaml, -A, -it (bools combine).
      let j = 1
      while (j < a.length) {
        const c = a[j]
        const s = byShort.get(c)
        if (!s) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}${usage}`)
        if (s.type === 'bool') {
          if (a[j + 1] === '=') {
            set(s, a.slice(j + 2))
            break
          }
          set(s, true)
          j++
          continue
        }
        const rest = a.slice(j + 1)
        if (rest.length) set(s, rest.startsWith('=') ? rest.slice(1) : rest)
        else {
          if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}${usage}`)
          set(s, args[++i])
        }
        break
      }
    } else positional.push(a)
  }
  for (const s of all) if (flags[s.name] === undefined && s.default !== undefined) flags[s.name] = s.default
  return { flags, positional }
}

/** Go's time.ParseDuration for kubectl's `--timeout=30s`, in ms. */
export function parseDuration(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let total = 0
  let consumed = 0
  for (let m; (m = re.exec(s)); ) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
    consumed += m[0].length
  }
  return consumed === s.length && consumed > 0 ? total : undefined
}
