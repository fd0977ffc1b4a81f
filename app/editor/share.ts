/**
 * Share links and autosave: the workspace (scenario, playback cursor, editor tabs) as a short,
 * URL-safe string: JSON, deflate-compressed (fflate), base64url. Pure and testable: reading the
 * initial state takes the location's hash as a parameter, like the TypeScript Playground does.
 *
 * ```ts
 * const hash = '#' + SHARE_PARAM + '=' + encodeWorkspace(ws)
 * decodeShareHash(hash)   // { ok: true, workspace } | { ok: false, error } | null (no share in the hash)
 * ```
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'
import type { Scenario, ScenarioStep } from '../../src/engine'

export const SHARE_PARAM = 'share'

/** Links longer than this are refused by common chat tools; offer a file instead. */
export const MAX_LINK_LENGTH = 8000

export interface EditorTab {
  name: string
  text: string
}

/** Everything needed to reopen Podium exactly as it was. */
export interface Workspace {
  v: 1
  scenario: Scenario
  /** Id of the hop the playback cursor is on (0: before the first hop). */
  cursor: number
  tabs: EditorTab[]
  activeTab: number
}

/** `error` is English (for logs and tests); `code` and `problem` let the UI say it in the user's language. */
export type DecodeResult = { ok: true; workspace: Workspace } | { ok: false; error: string; code: 'damaged' | 'invalid'; problem?: string }

/**
 * Merges consecutive `advance` steps: the engine processes everything due at each instant, so
 * `advance(a); advance(b)` and `advance(a + b)` reach the same state, and links stay short.
 */
export function compactScenario(s: Scenario): Scenario {
  const steps: ScenarioStep[] = []
  for (const step of s.steps) {
    const last = steps[steps.length - 1]
    if (last && 'advance' in last && 'advance' in step) steps[steps.length - 1] = { advance: last.advance + step.advance }
    else steps.push(step)
  }
  return { ...s, steps }
}

export function encodeWorkspace(ws: Workspace): string {
  const bytes = deflateSync(strToU8(JSON.stringify(ws)), { level: 9 })
  return toBase64Url(bytes)
}

export function decodeWorkspace(text: string): DecodeResult {
  let json: unknown
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(text))))
  } catch {
    return { ok: false, error: 'The link is damaged: its data could not be decompressed.', code: 'damaged' }
  }
  const problem = validateWorkspace(json)
  if (problem) return { ok: false, error: `The link's data is not a Podium workspace (${problem}).`, code: 'invalid', problem }
  return { ok: true, workspace: json as Workspace }
}

/** The workspace carried by a location hash (`#share=…`), or null when the hash has none. */
export function decodeShareHash(hash: string): DecodeResult | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const value = params.get(SHARE_PARAM)
  if (value === null) return null
  return decodeWorkspace(value)
}

/** The full share link for `ws`, based on the page's address without its hash. */
export function shareLink(baseHref: string, ws: Workspace): string {
  return `${baseHref.split('#')[0]}#${SHARE_PARAM}=${encodeWorkspace(ws)}`
}

function validateWorkspace(w: unknown): string | undefined {
  if (!isObject(w)) return 'not an object'
  if (w.v !== 1) return 'unknown version'
  const s = w.scenario
  if (!isObject(s) || typeof s.seed !== 'number' || !Array.isArray(s.nodes) || !Array.isArray(s.steps)) return 'no scenario'
  if (!s.nodes.every((n) => isObject(n) && typeof n.name === 'string')) return 'bad node list'
  if (!s.steps.every(isObject)) return 'bad steps'
  if (typeof w.cursor !== 'number' || !Number.isInteger(w.cursor) || w.cursor < 0) return 'bad cursor'
  if (!Array.isArray(w.tabs) || !w.tabs.every((t) => isObject(t) && typeof t.name === 'string' && typeof t.text === 'string')) return 'bad editor tabs'
  if (typeof w.activeTab !== 'number') return 'bad active tab'
  return undefined
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url')
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
