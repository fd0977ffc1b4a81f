/**
 * Computes a predict step's answer from the engine, after the step's actions have run, with the
 * reason the engine gives: the scheduler's decision table, the hop times of a deletion, the
 * objects counted.
 */
import type { Cluster, Hop, SchedulingDecision } from '../src/engine/index'
import type { CheckScope } from './checks'
import type { Predict, PredictOutcome, Text } from './format'
import { countObjects, getField, getObject, matchHop, readOnly, show } from './query'

export function computePrediction(c: Cluster, p: Predict, scope: CheckScope): PredictOutcome {
  const a = p.answer
  let answer = ''
  let reason: Text = { en: '', vi: '' }
  let hops: number[] = []
  let scheduling: SchedulingDecision | undefined
  if ('scheduledNode' in a) {
    const name = a.scheduledNode.split('/')[1]
    const decided = c.hops(scope.stepStartHop).filter((h) => h.detail?.scheduling && sameName(h.detail.scheduling.pod, name))
    const last = decided[decided.length - 1]
    scheduling = last?.detail?.scheduling
    answer = scheduling ? (scheduling.node ?? 'none') : 'none'
    reason = scheduling ? explainDecision(scheduling) : { en: `The scheduler made no decision about ${name} in this step.`, vi: `Scheduler chưa đưa ra quyết định nào cho ${name} trong bước này.` }
    hops = last ? [last.id] : []
  } else if ('count' in a) {
    const { count, names } = readOnly(c, () => countObjects(c, a.count))
    answer = String(count)
    const list = names.length ? `: ${names.join(', ')}` : ''
    reason = { en: `kubectl get ${a.count.resource} finds ${count}${list}.`, vi: `kubectl get ${a.count.resource} tìm thấy ${count}${list}.` }
  } else if ('hops' in a) {
    const sel = a.hops.hop
    const matching = c.hops(scope.stepStartHop).filter((h) => matchHop(h, sel))
    const side = a.hops.distinct
    if (side) {
      const who = [...new Set(matching.map((h) => h[side]))]
      answer = String(who.length)
      const counts = who.map((w) => `${w} ×${matching.filter((h) => h[side] === w).length}`)
      const list = counts.length ? `: ${counts.join(', ')}` : ''
      reason = side === 'to'
        ? { en: `${matching.length} matching hop(s) reached ${who.length} component(s)${list}.`, vi: `${matching.length} hop phù hợp đi tới ${who.length} thành phần${list}.` }
        : { en: `${matching.length} matching hop(s) came from ${who.length} component(s)${list}.`, vi: `${matching.length} hop phù hợp đến từ ${who.length} thành phần${list}.` }
    } else {
      answer = String(matching.length)
      reason = { en: `${matching.length} matching hop(s) in this step.`, vi: `Có ${matching.length} hop phù hợp trong bước này.` }
    }
    hops = matching.map((h) => h.id)
  } else if ('duration' in a) {
    const after = c.hops(scope.stepStartHop)
    const from = a.duration.from
    // Without `from`, the interval starts when the step started.
    const i = from ? after.findIndex((h) => matchHop(h, from)) : -1
    const j = from && i < 0 ? -1 : after.findIndex((h, k) => k > i && matchHop(h, a.duration.to))
    if (!from && j >= 0) {
      const start = scope.stepStartTime ?? after[0].t
      const to = after[j]
      answer = String(Math.round((to.t - start) / 1000))
      const marks = after.slice(0, j + 1).filter((h) => h === to || isMilestone(h))
      const lines = marks.map((h) => `+${secs(h.t - start)} s: ${hopLine(h)}`)
      reason = { en: lines.join('\n'), vi: lines.join('\n') }
      hops = marks.map((h) => h.id)
    } else if (i < 0 || j < 0) {
      answer = 'unknown'
      reason = { en: 'The hops that start and end this interval did not both happen in this step.', vi: 'Hai hop mở đầu và kết thúc khoảng thời gian này chưa cùng xảy ra trong bước này.' }
    } else {
      const from = after[i]!
      const to = after[j]
      answer = String(Math.round((to.t - from.t) / 1000))
      // Signals to other pods (still terminating from an earlier step) are not part of this story.
      const key = to.detail?.etcd?.key.match(/^\/registry\/pods\/([^/]+)\/([^/]+)$/)
      const pod = key ? `pod/${key[1]}/${key[2]}` : undefined
      const marks = after.slice(i, j + 1).filter((h) => h === from || h === to || (isMilestone(h) && (h.kind !== 'signal' || !pod || h.to === pod)))
      const lines = marks.map((h) => `+${secs(h.t - from.t)} s: ${hopLine(h)}`)
      reason = { en: lines.join('\n'), vi: lines.join('\n') }
      hops = marks.map((h) => h.id)
    }
  } else if ('field' in a) {
    const v = readOnly(c, () => getField(getObject(c, a.field.object), a.field.field))
    answer = v === undefined ? 'none' : String(v)
    reason = { en: `${a.field.object}: ${a.field.field} is ${show(v)}.`, vi: `${a.field.object}: ${a.field.field} là ${show(v)}.` }
  } else {
    const h = c.hops(scope.stepStartHop).find((x) => matchHop(x, a.component.hop))
    answer = h ? (a.component.side === 'from' ? h.from : h.to) : 'none'
    reason = h ? { en: `Hop #${h.id}: ${h.summary}`, vi: `Hop #${h.id}: ${h.summary}` } : { en: 'No such hop in this step.', vi: 'Không có hop như vậy trong bước này.' }
    hops = h ? [h.id] : []
    // A binding hop carries the scheduler's decision: the app shows it as a table with the answer.
    scheduling = h?.detail?.scheduling
  }
  const choice = p.choices.find((ch) => ch.value === answer)
  const explain = { en: p.explain.en.replaceAll('{answer}', answer), vi: p.explain.vi.replaceAll('{answer}', answer) }
  return { answer, ...(choice ? { choice } : {}), reason, explain, ...(scheduling ? { scheduling } : {}), hops }
}

function sameName(pod: string, name: string): boolean {
  return pod === name || pod.endsWith(`/${name}`)
}

function secs(ms: number): string {
  return (Math.round(ms / 100) / 10).toString()
}

function hopLine(h: Hop): string {
  const w = h.detail?.etcd
  return w ? `etcd ${w.op === 'delete' ? 'deletes' : 'writes'} ${w.key} (revision ${w.revision})` : h.summary
}

/** Hops worth listing on a deletion timeline: hooks, signals, exits and the final delete. */
function isMilestone(h: Hop): boolean {
  const call = h.detail?.cri?.call
  return h.kind === 'signal' || call === 'ExecSync'
}

/** The decision table in words: each node's first failed filter, or its weighted score. */
export function explainDecision(d: SchedulingDecision): Text {
  const en: string[] = []
  const vi: string[] = []
  for (const v of d.verdicts) {
    if (!v.feasible) {
      en.push(`${v.node}: filtered out by ${v.filter?.plugin}: ${v.filter?.reason}`)
      vi.push(`${v.node}: bị loại ở bước lọc ${v.filter?.plugin}: ${v.filter?.reason}`)
    } else if (!v.scores?.length) {
      en.push(`${v.node}: passed every filter; the only node left, so the scheduler skips scoring`)
      vi.push(`${v.node}: vượt qua mọi bước lọc; đây là node duy nhất còn lại nên scheduler bỏ qua bước chấm điểm`)
    } else {
      const parts = (v.scores ?? []).filter((s) => s.weight > 0).map((s) => `${s.plugin} ${s.normalized}×${s.weight}`)
      en.push(`${v.node}: score ${v.total ?? 0} (${parts.join(', ')})`)
      vi.push(`${v.node}: điểm ${v.total ?? 0} (${parts.join(', ')})`)
    }
  }
  const feasible = d.verdicts.filter((v) => v.feasible).length
  if (d.node && feasible === 1) {
    en.push(`Chosen: ${d.node}, the only feasible node.`)
    vi.push(`Được chọn: ${d.node}, node hợp lệ duy nhất.`)
  } else if (d.node) {
    en.push(`Chosen: ${d.node}, the feasible node with the highest total (ties are broken at random).`)
    vi.push(`Được chọn: ${d.node}, node hợp lệ có tổng điểm cao nhất (nếu bằng điểm thì chọn ngẫu nhiên).`)
  } else {
    en.push(`No node fits, so the pod stays Pending: ${d.message ?? ''}`)
    vi.push(`Không node nào phù hợp nên Pod vẫn ở trạng thái Pending: ${d.message ?? ''}`)
  }
  return { en: en.join('\n'), vi: vi.join('\n') }
}
