/**
 * `kubectl wait --for=condition=Ready|--for=delete|--for=jsonpath='{.status.phase}'=Running`.
 * Waits in virtual time, as a real terminal would block. Upstream: cmd/wait/wait.go.
 */
import { restPath } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { parseDuration } from '../flags'
import { evalJsonPath } from '../printers/output'
import { objectRef } from '../resolve'
import { targets } from './mutate'

export function cmdWait(c: Ctx, args: string[]): void {
  const forSpec = c.flags.for as string | undefined
  if (!forSpec) throw new CommandError('error: --for must be specified')
  const timeout = c.flags.timeout ? parseDuration(c.flags.timeout as string) : 30_000
  if (timeout === undefined) throw new CommandError(`error: invalid argument "${c.flags.timeout}" for "--timeout" flag: time: invalid duration "${c.flags.timeout}"`)
  const list = targets(c, args)
  if (list.length === 0) throw new CommandError('error: no matching resources found')
  for (const t of list) {
    const path = restPath(t.type, t.namespace, t.name)
    // Reading the object as kubectl's watch would see it, without a hop per check.
    const read = () => c.host.api.peek(path)
    let check: () => boolean
    let what: string
    if (forSpec === 'delete') {
      check = () => read() === undefined
      what = 'condition met'
    } else if (forSpec.startsWith('condition=')) {
      const [cond, want = 'True'] = forSpec.slice('condition='.length).split('=')
      check = () => {
        const o = read() as { status?: { conditions?: { type: string; status: string }[] } } | undefined
        return !!o?.status?.conditions?.some((x) => x.type.toLowerCase() === cond.toLowerCase() && x.status.toLowerCase() === want.toLowerCase())
      }
      what = 'condition met'
    } else if (forSpec.startsWith('jsonpath=')) {
      const expr = forSpec.slice('jsonpath='.length)
      const eq = expr.lastIndexOf('=')
      const path2 = eq > 0 ? expr.slice(0, eq) : expr
      const want = eq > 0 ? expr.slice(eq + 1) : undefined
      check = () => {
        const o = read()
        if (!o) return false
        const got = evalJsonPath(o, path2.replace(/^'|'$/g, ''))
        return want === undefined ? got !== '' : got === want
      }
      what = 'condition met'
    } else throw new CommandError(`error: unrecognized condition: "${forSpec}"`)
    // Upstream: wait.go IsDeleted visits only the objects the builder found.
    if (forSpec === 'delete' && read() === undefined) continue
    if (forSpec !== 'delete' && read() === undefined) {
      c.error(statusError(c.get(t.type, t.namespace, t.name)))
      continue
    }
    c.request('GET', restPath(t.type, t.namespace), { query: { fieldSelector: `metadata.name=${t.name}`, watch: 'true' }, summary: `kubectl wait: watch ${objectRef(t.type, t.name)}` })
    if (c.host.waitFor(check, timeout)) c.print(`${objectRef(t.type, t.name)} ${what}`)
    else c.error(`error: timed out waiting for the condition on ${t.type.resource}/${t.name}`)
  }
}
