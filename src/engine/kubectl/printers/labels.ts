/**
 * Label and selector formatting shared by the printers.
 *
 * Upstream: k8s.io/apimachinery/pkg/labels (FormatLabels, Selector.String) and
 * apis/meta/v1/helpers.go (FormatLabelSelector, LabelSelectorAsSelector).
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1'

/** Go's sort.Strings order: byte-wise, which for these ASCII keys is code-unit order. */
export const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * labels.FormatLabels: `k=v` pairs sorted by key, comma-joined, `<none>` when empty.
 * @example formatLabels({ b: '2', a: '1' }) // 'a=1,b=2'
 */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(byteCompare)
  if (keys.length === 0) return '<none>'
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',')
}

/** labels.Set(m).String() / SelectorFromSet(m).String(): sorted `k=v`, empty string when empty. */
export function selectorFromSet(set: Record<string, string> | null | undefined): string {
  const keys = Object.keys(set ?? {}).sort(byteCompare)
  return keys.map((k) => `${k}=${(set as Record<string, string>)[k]}`).join(',')
}

function requirementString(key: string, op: string, values: string[]): string {
  switch (op) {
    case 'In':
      return `${key} in (${values.join(',')})`
    case 'NotIn':
      return `${key} notin (${values.join(',')})`
    case 'Exists':
      return key
    case 'DoesNotExist':
      return `!${key}`
    default:
      return `${key} ${op} (${values.join(',')})`
  }
}

/**
 * LabelSelectorAsSelector(ls).String(): requirements sorted by key, values sorted;
 * `<none>` for a nil selector and `` for an empty one are decided by the callers.
 * @example labelSelectorString({ matchLabels: { app: 'web' } }) // 'app=web'
 */
export function labelSelectorString(selector: LabelSelector | null | undefined): string {
  if (!selector) return ''
  const reqs: { key: string; text: string }[] = []
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key: k, text: `${k}=${v}` })
  }
  for (const expr of selector.matchExpressions ?? ([] as LabelSelectorRequirement[])) {
    const values = [...(expr.values ?? [])].sort(byteCompare)
    reqs.push({ key: expr.key, text: requirementString(expr.key, expr.operator, values) })
  }
  // labels.NewSelector sorts requirements by key (stable for equal keys).
  reqs.sort((a, b) => byteCompare(a.key, b.key))
  return reqs.map((r) => r.text).join(',')
}

/**
 * metav1.FormatLabelSelector: `<none>` for nil or empty, `<error>` never happens here.
 * @example formatLabelSelector({ matchLabels: { app: 'web' } }) // 'app=web'
 */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  if (!selector) return '<none>'
  const text = labelSelectorString(selector)
  return text.length === 0 ? '<none>' : text
}
