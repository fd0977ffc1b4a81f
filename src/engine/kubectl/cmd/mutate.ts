/**
 * Commands that change one field of existing objects: scale, label, annotate, cordon, uncordon,
 * taint, set image. Each sends one PATCH, as kubectl does.
 * Upstream: staging/src/k8s.io/kubectl/pkg/cmd/{scale,label,annotate,drain,taint,set}.
 */
import type { Taint } from 'kubernetes-types/core/v1'
import { restPath, type ResourceType } from '../../apiserver/resources'
import { CommandError, statusError, type Ctx } from '../context'
import { objectRef, parseResourceArgs, resolveType, type TypedName } from '../resolve'

/** Resolves `TYPE NAME...` or `TYPE/NAME` arguments, or every object of a type with `-l` / `--all`. */
export function targets(c: Ctx, args: string[]): { type: ResourceType; namespace?: string; name: string }[] {
  const parsed = parseResourceArgs(args)
  if ('error' in parsed) throw new CommandError(`error: ${parsed.error}`)
  if (parsed.length === 0) throw new CommandError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`)
  const out: { type: ResourceType; namespace?: string; name: string }[] = []
  for (const p of parsed as TypedName[]) {
    const ns = p.type.namespaced ? c.namespace : undefined
    if (p.name !== undefined) out.push({ type: p.type, namespace: ns, name: p.name })
    else if (c.flags.selector || c.flags.all) {
      const q: Record<string, string> = {}
      if (c.flags.selector) q.labelSelector = c.flags.selector as string
      const r = c.list(p.type, ns, q)
      for (const o of r.body?.items ?? []) out.push({ type: p.type, namespace: o.metadata.namespace, name: o.metadata.name })
    } else throw new CommandError(`error: resource(s) were provided, but no name was specified`)
  }
  return out
}

export function cmdScale(c: Ctx, args: string[]): void {
  const replicas = c.flags.replicas as number | undefined
  if (replicas === undefined) throw new CommandError('error: required flag(s) "replicas" not set')
  if (replicas < 0) throw new CommandError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
  // Upstream: scale.go visits the builder's objects first; none found is an error.
  const found: ReturnType<typeof targets> = []
  let missing = ''
  for (const t of targets(c, args)) {
    const r = c.get(t.type, t.namespace, t.name)
    if (r.status === 200) found.push(t)
    else missing ||= r.body?.message ?? ''
  }
  if (found.length === 0) throw new CommandError(`error: no objects passed to scale ${missing}`)
  for (const t of found) {
    if (!['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(t.type.resource)) {
      c.error(`error: no scaler has been implemented for {"${t.type.group}" "${t.type.kind}"}`)
      continue
    }
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name, 'scale'), { body: { spec: { replicas } }, patchType: 'merge', summary: `kubectl scale ${objectRef(t.type, t.name)} --replicas=${replicas}` })
    if (r.status === 200) c.print(`${objectRef(t.type, t.name)} scaled`)
    else c.error(statusError(r))
  }
}

/** label and annotate: `key=value` sets, `key-` removes, `--overwrite` to change a value. */
export function cmdLabelOrAnnotate(c: Ctx, args: string[], field: 'labels' | 'annotations'): void {
  const pairs = args.filter((a) => /^[^=/]+=/.test(a) || /^[^=]+-$/.test(a))
  const rest = args.filter((a) => !pairs.includes(a))
  if (pairs.length === 0) throw new CommandError(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`)
  const verb = field === 'labels' ? 'labeled' : 'annotated'
  for (const t of targets(c, rest)) {
    const cur = c.get(t.type, t.namespace, t.name)
    if (cur.status !== 200) {
      c.error(statusError(cur))
      continue
    }
    const existing = (cur.body.metadata?.[field] ?? {}) as Record<string, string>
    const patch: Record<string, string | null> = {}
    for (const p of pairs) {
      if (p.endsWith('-') && !p.includes('=')) {
        const k = p.slice(0, -1)
        if (k in existing) patch[k] = null
        else c.warn(`${field === 'labels' ? 'label' : 'annotation'} "${k}" not found.`)
        continue
      }
      const i = p.indexOf('=')
      const k = p.slice(0, i)
      const v = p.slice(i + 1)
      if (k in existing && existing[k] !== v && c.flags.overwrite !== true) {
        throw new CommandError(`error: '${k}' already has a value (${existing[k]}), and --overwrite is false`)
      }
      patch[k] = v
    }
    const changed = Object.entries(patch).some(([k, v]) => existing[k] !== v)
    if (!changed) {
      c.print(`${objectRef(t.type, t.name)} not ${verb}`)
      continue
    }
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name), { body: { metadata: { [field]: patch } }, patchType: 'merge', summary: `kubectl ${field === 'labels' ? 'label' : 'annotate'} ${objectRef(t.type, t.name)}` })
    // Upstream: label.go updateDataChangeMsg: "unlabeled" when the object got shorter and --overwrite is off.
    const after = Object.fromEntries(Object.entries({ ...existing, ...patch }).filter(([, v]) => v !== null))
    const shorter = field === 'labels' && c.flags.overwrite !== true && JSON.stringify(after).length < JSON.stringify(existing).length
    if (r.status === 200) c.print(`${objectRef(t.type, t.name)} ${shorter ? 'unlabeled' : verb}`)
    else c.error(statusError(r))
  }
}

export function cmdCordon(c: Ctx, args: string[], cordon: boolean): void {
  const nodes = resolveType('nodes')!
  const names = args.length ? args : []
  if (names.length === 0 && !c.flags.selector) throw new CommandError(`error: USAGE: ${cordon ? 'cordon' : 'uncordon'} NODE [flags]\nSee 'kubectl ${cordon ? 'cordon' : 'uncordon'} -h' for help and examples`)
  for (const name of names) {
    const cur = c.get(nodes, undefined, name)
    if (cur.status !== 200) {
      c.error(statusError(cur))
      continue
    }
    const was = cur.body.spec?.unschedulable === true
    if (was === cordon) {
      c.print(`node/${name} already ${cordon ? 'cordoned' : 'uncordoned'}`)
      continue
    }
    const r = c.request('PATCH', restPath(nodes, undefined, name), { body: { spec: { unschedulable: cordon ? true : null } }, patchType: 'strategic', summary: `kubectl ${cordon ? 'cordon' : 'uncordon'} ${name}: mark the node ${cordon ? 'unschedulable' : 'schedulable'}` })
    if (r.status === 200) c.print(`node/${name} ${cordon ? 'cordoned' : 'uncordoned'}`)
    else c.error(statusError(r))
  }
}

/** `kubectl taint nodes node-1 key=value:NoSchedule` and `key:NoSchedule-` / `key-`. */
export function cmdTaint(c: Ctx, args: string[]): void {
  const [typeWord, ...rest] = args
  const t = typeWord ? resolveType(typeWord.split('/')[0]) : undefined
  if (!t || t.resource !== 'nodes') throw new CommandError('error: at least one taint update is required')
  const names = typeWord.includes('/') ? [typeWord.split('/')[1]] : rest.filter((a) => !a.includes(':') && !a.endsWith('-') && !a.includes('='))
  const specs = rest.filter((a) => !names.includes(a))
  if (specs.length === 0) throw new CommandError('error: at least one taint update is required')
  const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
  for (const name of names) {
    const cur = c.get(t, undefined, name)
    if (cur.status !== 200) {
      c.error(statusError(cur))
      continue
    }
    let taints: Taint[] = [...(cur.body.spec?.taints ?? [])]
    let removed = false
    for (const s of specs) {
      if (s.endsWith('-')) {
        const body = s.slice(0, -1)
        const [key, effect] = body.split(':')
        const before = taints.length
        taints = taints.filter((x) => !(x.key === key.split('=')[0] && (!effect || x.effect === effect)))
        if (taints.length === before) throw new CommandError(`error: taint "${body}" not found`)
        removed = true
        continue
      }
      const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(s)
      if (!m) throw new CommandError(`error: invalid taint spec: ${s}, unknown taint effect: `)
      const [, key, value, effect] = m
      if (!effects.includes(effect)) throw new CommandError(`error: invalid taint spec: ${s}, invalid taint effect: ${effect}, unsupported taint effect`)
      const existing = taints.find((x) => x.key === key && x.effect === effect)
      if (existing && c.flags.overwrite !== true) throw new CommandError(`error: node ${name} already has ${key} taint(s) with same effect(s) and --overwrite is false`)
      taints = taints.filter((x) => !(x.key === key && x.effect === effect))
      taints.push(value !== undefined && value !== '' ? { key, value, effect } : { key, effect })
    }
    const r = c.request('PATCH', restPath(t, undefined, name), { body: { spec: { taints: taints.length ? taints : null } }, patchType: 'merge', summary: `kubectl taint node ${name}` })
    if (r.status === 200) c.print(`node/${name} ${removed ? 'untainted' : 'tainted'}`)
    else c.error(statusError(r))
  }
}

/** `kubectl set image deployment/web nginx=nginx:1.27` (or `*=image`). */
export function cmdSetImage(c: Ctx, args: string[]): void {
  const pairs = args.filter((a) => a.includes('=') && !a.startsWith('-'))
  const rest = args.filter((a) => !pairs.includes(a))
  if (pairs.length === 0) throw new CommandError('error: at least one image update is required')
  for (const t of targets(c, rest)) {
    const cur = c.get(t.type, t.namespace, t.name)
    if (cur.status !== 200) {
      c.error(statusError(cur))
      continue
    }
    const obj = cur.body
    const podSpec = t.type.resource === 'pods' ? obj.spec : obj.spec?.template?.spec
    const containers = [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])] as { name: string; image: string }[]
    const updates: { name: string; image: string }[] = []
    for (const p of pairs) {
      const i = p.indexOf('=')
      const cname = p.slice(0, i)
      const image = p.slice(i + 1)
      const matched = containers.filter((x) => cname === '*' || x.name === cname)
      if (matched.length === 0) {
        c.error(`error: unable to find container named "${cname}"`)
        return
      }
      for (const m of matched) updates.push({ name: m.name, image })
    }
    const changed = updates.some((u) => containers.find((x) => x.name === u.name)?.image !== u.image)
    if (!changed) {
      c.print(`${objectRef(t.type, t.name)} image updated`)
      continue
    }
    const list = updates.map((u) => ({ name: u.name, image: u.image }))
    const body = t.type.resource === 'pods' ? { spec: { containers: list } } : { spec: { template: { spec: { containers: list } } } }
    const r = c.request('PATCH', restPath(t.type, t.namespace, t.name), { body, patchType: 'strategic', summary: `kubectl set image ${objectRef(t.type, t.name)} ${pairs.join(' ')}` })
    if (r.status === 200) c.print(`${objectRef(t.type, t.name)} image updated`)
    else c.error(statusError(r))
  }
}
