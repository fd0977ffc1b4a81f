/**
 * The state of one shell process, the control-flow signals of the interpreter (`exit`, `break`,
 * `continue`) and the shells' message formats (busybox ash, dash, bash).
 */
import type { Effect, Machine, ShellFlavor } from './proc'
import type { ShellSyntaxError } from './shell-parse'

export type Gen<T> = Generator<Effect, T, void>

/** An executable that does not exist in the image. */
export class NotFound extends Error {
  constructor(readonly command: string) {
    super(`${command}: not found`)
  }
}

export class ExitSignal {
  constructor(readonly code: number) {}
}
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public n: number,
  ) {}
}

/** One shell process's state. */
export interface Sh {
  m: Machine
  vars: Map<string, string>
  exported: Set<string>
  positional: string[]
  arg0: string
  status: number
  subStatus: number | undefined
  cwd: string
  traps: Map<string, string>
  errexit: boolean
  xtrace: boolean
  pipefail: boolean
  flavor: ShellFlavor
  isMain: boolean
}

export function cloneShell(sh: Sh): Sh {
  return {
    ...sh,
    vars: new Map(sh.vars),
    exported: new Set(sh.exported),
    positional: [...sh.positional],
    traps: new Map(sh.traps),
    isMain: false,
  }
}

/** The prefix of a shell's error messages: `sh: `, `sh: 1: `, `bash: line 1: `. */
export function errPrefix(sh: Sh, line: number): string {
  switch (sh.flavor) {
    case 'ash': return 'sh: '
    case 'dash': return `${sh.arg0}: ${line}: `
    case 'bash': return `${sh.arg0}: line ${line}: `
  }
}

export function notFoundText(sh: Sh, name: string, line: number): string {
  if (sh.flavor === 'bash') return `${errPrefix(sh, line)}${name}: ${name.includes('/') ? 'No such file or directory' : 'command not found'}\n`
  return `${errPrefix(sh, line)}${name}: not found\n`
}

/** The text a shell prints for a syntax error in a `-c` script (its exit status is 2). */
export function syntaxErrorText(flavor: ShellFlavor, arg0: string, e: ShellSyntaxError, script: string): string {
  const tok = e.unexpected
  const expecting = e.expecting ? ` (expecting "${e.expecting}")` : ''
  switch (flavor) {
    case 'ash':
      return `sh: syntax error: unexpected ${tok}${expecting}\n`
    case 'dash':
      return tok === 'end of file'
        ? `${arg0}: 1: Syntax error: end of file unexpected${expecting}\n`
        : `${arg0}: 1: Syntax error: ${tok} unexpected${expecting}\n`
    case 'bash': {
      if (tok === 'end of file') return `${arg0}: -c: line ${script.split('\n').length + 1}: syntax error: unexpected end of file\n`
      const bare = tok.replace(/^"|"$/g, '')
      return `${arg0}: -c: line 1: syntax error near unexpected token \`${bare}'\n${arg0}: -c: line 1: \`${script.split('\n')[0]}'\n`
    }
  }
}

/** The environment a child process gets: the exported variables, then `VAR=value` prefixes. */
export function exportedEnv(sh: Sh, assigns: [string, string][]): Map<string, string> {
  const env = new Map<string, string>()
  for (const k of sh.exported) {
    const v = sh.vars.get(k)
    if (v !== undefined) env.set(k, v)
  }
  for (const [k, v] of assigns) env.set(k, v)
  return env
}
