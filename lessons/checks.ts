/**
 * Evaluates a step's declarative checks against the engine, each with a reason in English and
 * Vietnamese. Reading never changes the cluster (query.ts: readOnly).
 */
import type { Cluster, Hop } from '../src/engine/index'
import type { Check, CheckResult, Comparison, Text } from './format'
import { compare, countObjects, describeSelector, expand, expandComparison, getField, getObject, matchHop, readOnly, show } from './query'

export interface CheckScope {
  /** Hops with an id greater than this belong to the current step (`hop` checks with `since: step`). */
  stepStartHop: number
  /** Hops with an id greater than this belong to the lesson. */
  lessonStartHop: number
  /** Virtual time when the current step started (a `duration` answer without `from` counts from it). */
  stepStartTime?: number
}

/** Evaluates every check; the cluster is left exactly as it was. */
export function evaluateChecks(c: Cluster, checks: readonly Check[], scope: CheckScope): CheckResult[] {
  if (checks.length === 0) return []
  return readOnly(c, () => checks.map((ch) => withSays(ch, evaluateOne(c, ch, scope))))
}

function withSays(ch: Check, r: Omit<CheckResult, 'says'>): CheckResult {
  return ch.says ? { ...r, says: ch.says } : r
}

function comparisonOf(ch: Comparison): Comparison {
  const { equals, notEquals, contains, notContains, matches, exists, atLeast, atMost } = ch
  return Object.fromEntries(Object.entries({ equals, notEquals, contains, notContains, matches, exists, atLeast, atMost }).filter(([, v]) => v !== undefined))
}

function evaluateOne(c: Cluster, ch: Check, scope: CheckScope): Omit<CheckResult, 'says'> {
  try {
    if ('object' in ch) return objectCheck(c, expand(c, ch.object), ch.field, expandComparison(c, comparisonOf(ch)))
    if ('count' in ch) {
      const { count, names } = countObjects(c, ch.count)
      const cmp = compare(count, comparisonOf(ch))
      const what = `${ch.count.resource}${ch.count.selector ? ` (${ch.count.selector})` : ''}${ch.count.where ? ` ${typeof ch.count.where === 'string' ? ch.count.where : ch.count.where.field}` : ''}`
      const list = names.length ? `: ${names.join(', ')}` : ''
      return {
        pass: cmp.pass,
        reason: cmp.pass
          ? { en: `${count} ${what}${list}`, vi: `${count} ${what}${list}` }
          : { en: `${count} ${what}${list}; expected ${cmp.expected.en}`, vi: `${count} ${what}${list}; cần ${cmp.expected.vi}` },
      }
    }
    if ('hop' in ch) return hopCheck(c, ch, scope)
    if ('kubectl' in ch) {
      const r = c.kubectl(ch.kubectl, ch.stdin)
      const out = r.stdout + r.stderr
      const cmpGiven = Object.keys(comparisonOf(ch)).length > 0
      const cmp = cmpGiven ? compare(out, expandComparison(c, comparisonOf(ch))) : { pass: true, expected: { en: '', vi: '' } }
      const codeOk = ch.exitCode === undefined || r.exitCode === ch.exitCode
      const pass = cmp.pass && codeOk
      const cmd = `kubectl ${ch.kubectl}`
      if (pass) return { pass, reason: { en: `${cmd} printed ${cmp.expected.en || `exit code ${r.exitCode}`}`, vi: `${cmd} in ra ${cmp.expected.vi || `mã thoát ${r.exitCode}`}` } }
      const got = clip(out)
      if (!codeOk) return { pass, reason: { en: `${cmd} exited with ${r.exitCode}, expected ${ch.exitCode}: ${got}`, vi: `${cmd} thoát với mã ${r.exitCode}, cần ${ch.exitCode}: ${got}` } }
      return { pass, reason: { en: `${cmd} printed ${got}, expected output ${cmp.expected.en}`, vi: `${cmd} in ra ${got}, cần kết quả ${cmp.expected.vi}` } }
    }
    if ('proxyRules' in ch) return proxyRulesCheck(c, ch.proxyRules, expandComparison(c, comparisonOf(ch)))
    const kv = c.keyspace().find((k) => k.key === ch.etcd)
    const cmp = compareField(kv, ch.field, expandComparison(c, comparisonOf(ch)))
    return fieldReason(`etcd ${ch.etcd}`, kv !== undefined, ch.field, cmp)
  } catch (e) {
    const msg = (e as Error).message
    return { pass: false, reason: { en: `the check could not run: ${msg}`, vi: `không chạy được phép kiểm tra: ${msg}` } }
  }
}

function compareField(obj: unknown, field: string | undefined, cmp: Comparison): { pass: boolean; expected: Text; actual: unknown } {
  if (field === undefined) {
    const r = compare(obj, { exists: cmp.exists ?? true })
    return { ...r, actual: obj }
  }
  const actual = obj === undefined ? undefined : getField(obj, field)
  return { ...compare(actual, cmp), actual }
}

function objectCheck(c: Cluster, ref: string, field: string | undefined, cmp: Comparison): Omit<CheckResult, 'says'> {
  const obj = getObject(c, ref)
  return fieldReason(ref, obj !== undefined, field, compareField(obj, field, cmp))
}

function fieldReason(what: string, found: boolean, field: string | undefined, r: { pass: boolean; expected: Text; actual: unknown }): Omit<CheckResult, 'says'> {
  if (field === undefined) {
    return {
      pass: r.pass,
      reason: found ? { en: `${what} exists`, vi: `${what} đang tồn tại` } : { en: `${what} does not exist`, vi: `${what} không tồn tại` },
    }
  }
  if (!found) return { pass: r.pass, reason: { en: `${what} does not exist (yet)`, vi: `${what} chưa tồn tại` } }
  const is = show(r.actual)
  return {
    pass: r.pass,
    reason: r.pass
      ? { en: `${what}: ${field} is ${is}`, vi: `${what}: ${field} là ${is}` }
      : { en: `${what}: ${field} is ${is}, expected ${r.expected.en}`, vi: `${what}: ${field} là ${is}, cần ${r.expected.vi}` },
  }
}

function hopCheck(c: Cluster, ch: Extract<Check, { hop: unknown }>, scope: CheckScope): Omit<CheckResult, 'says'> {
  const after = ch.since === 'lesson' ? scope.lessonStartHop : scope.stepStartHop
  const hops: Hop[] = c.hops(after).filter((h) => matchHop(h, ch.hop))
  const sel = describeSelector(ch.hop)
  const where = ch.since === 'lesson' ? { en: 'in this lesson', vi: 'trong bài học này' } : { en: 'in this step', vi: 'trong bước này' }
  if (ch.absent) {
    const pass = hops.length === 0
    return {
      pass,
      reason: pass
        ? { en: `no hop ${sel} ${where.en}`, vi: `không có hop ${sel} ${where.vi}` }
        : { en: `hop #${hops[0].id} ${sel} happened ${where.en}: ${hops[0].summary}`, vi: `hop #${hops[0].id} ${sel} đã xảy ra ${where.vi}: ${hops[0].summary}` },
    }
  }
  const need = ch.atLeast ?? 1
  const pass = hops.length >= need
  if (pass) {
    return { pass, reason: { en: `${hops.length} hop(s) ${sel} ${where.en}, first #${hops[0].id}: ${hops[0].summary}`, vi: `${hops.length} hop ${sel} ${where.vi}, đầu tiên #${hops[0].id}: ${hops[0].summary}` } }
  }
  return { pass, reason: { en: `${hops.length} hop(s) ${sel} ${where.en}, expected at least ${need}`, vi: `mới có ${hops.length} hop ${sel} ${where.vi}, cần ít nhất ${need}` } }
}

/** Compares a node's kube-proxy rules text; the reason quotes the lines that matter. */
function proxyRulesCheck(c: Cluster, node: string, cmp: Comparison): Omit<CheckResult, 'says'> {
  const { mode, text } = c.proxyRules(node)
  const r = compare(text, cmp)
  const what = `kube-proxy/${node} (${mode})`
  const needle = cmp.contains ?? cmp.notContains
  const re = cmp.matches !== undefined ? new RegExp(cmp.matches) : undefined
  const lines = text.split('\n').filter((l) => (needle !== undefined && l.includes(needle)) || (re !== undefined && re.test(l)))
  const shown = lines.length ? `: ${clip(lines.slice(0, 3).join(' | '))}` : ''
  return {
    pass: r.pass,
    reason: r.pass
      ? { en: `${what} rules ${r.expected.en}${shown}`, vi: `rule của ${what} ${r.expected.vi}${shown}` }
      : { en: `${what} rules are not ${r.expected.en}${shown}`, vi: `rule của ${what} không ${r.expected.vi}${shown}` },
  }
}

function clip(s: string): string {
  const t = s.trim()
  return t === '' ? '(nothing)' : `"${t.length > 160 ? t.slice(0, 160) + '…' : t}"`
}
