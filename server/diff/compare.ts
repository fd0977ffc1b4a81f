/**
 * What the differential suite (server/diff.test.ts) compares: one command's stdout, stderr and
 * exit code from each kubectl, with the few texts that depend on the wall clock normalised, and
 * a unified diff of the two when they differ.
 */

/** What one kubectl printed. */
export interface Outcome {
  stdout: string
  stderr: string
  exitCode: number
}

/**
 * Ages: what kubectl prints for a duration (`12s`, `5m3s`, `2d`, `3y45d`, `<invalid>`), in a
 * table cell or after `Age:`-like labels, and `(x3 over 5m)` in describe's events. Real kubectl
 * computes describe's and `rollout history`'s ages from the wall clock, the engine from its
 * virtual clock; the served clock stands still during the suite, so only these tokens differ.
 * Everything else (lines, columns, padding) must be identical: a token is replaced by a marker
 * of the same width class, never removed.
 */
const AGE = /(?<=^|\s|\()(?:\d+(?:y\d+d|d\d+h|h\d+m|m\d+s|[smhdy])|<invalid>)(?=\s|$|\))/gm

/**
 * Describe's Events table (Type, Reason, Age, From, Message): the Age column is as wide as its
 * longest age, so the padding after it is normalised with the ages; every other column keeps
 * its exact padding.
 */
const EVENTS_AGE_COLUMN = /^( {2}(?:Type|----|Normal|Warning) {2,}\S+ {2,})(Age|----|AGE(?: \(x\d+ over AGE\))?) +/gm

/** Replaces every age token with `AGE`, and the padding of describe's Age column. */
export function normalizeAges(s: string): string {
  return s.replace(AGE, 'AGE').replace(EVENTS_AGE_COLUMN, '$1$2 ')
}

/** The outcome as one text, each stream labelled. */
export function render(o: Outcome): string {
  return `exit ${o.exitCode}\n--- stdout\n${normalizeAges(o.stdout)}--- stderr\n${normalizeAges(o.stderr)}`
}

/** A unified diff (`-` real kubectl, `+` engine kubectl) with 2 lines of context, or '' when equal. */
export function unifiedDiff(real: string, sim: string): string {
  if (real === sim) return ''
  const a = real.split('\n')
  const b = sim.split('\n')
  // Longest common subsequence table, from the end.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  const ops: { op: ' ' | '-' | '+'; text: string }[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', text: a[i++] }), j++
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) ops.push({ op: '+', text: b[j++] })
    else ops.push({ op: '-', text: a[i++] })
  }
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((n) => n.op !== ' '))
  const out: string[] = []
  ops.forEach((o, k) => {
    if (keep[k]) out.push(`${o.op}${o.text}`)
    else if (k > 0 && keep[k - 1]) out.push('@@')
  })
  return out.join('\n')
}
