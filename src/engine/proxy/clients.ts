/**
 * The network tools students run in pods, over the simulated network (traffic.ts): `curl`
 * (8.x texts and exit codes), busybox `wget` and `nslookup`. Options beyond the common ones are
 * reported as not simulated rather than guessed.
 */
import { CLUSTER_DNS_IP } from './dns'
import { utf8 } from '../api/utf8'
import { httpRequest, parseURL, resolveForPod, type HttpResult, type NetEnv, type TrafficClient } from './traffic'

export interface ToolResult {
  stdout: string
  stderr: string
  exitCode: number
  /** The last hop of the exchange. */
  hop?: number
}

/** The commands this module runs instead of the runtime model. */
export const NETWORK_TOOLS = ['curl', 'wget', 'nslookup']

const unsupported = (tool: string, what: string): ToolResult => ({ stdout: '', stderr: `[podium] ${tool}: ${what} is not simulated\n`, exitCode: 1 })

function rfc1123(virtualMs: number, epoch: number): string {
  return new Date(epoch + virtualMs).toUTCString()
}

/** `curl [-s] [-S] [-f] [-i|-I] [-L] [-o /dev/null] [-w '%{http_code}'] [-m N] URL`. */
export function curl(env: NetEnv, client: Extract<TrafficClient, { kind: 'pod' }>, args: string[], version: string, epoch: number, cause?: number): ToolResult {
  let silent = false
  let showError = false
  let fail = false
  let include = false
  let head = false
  let discard = false
  let writeOut: string | undefined
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-o' || a === '--output') {
      if (args[++i] !== '/dev/null') return unsupported('curl', `-o ${args[i]}`)
      discard = true
    } else if (a === '-w' || a === '--write-out') writeOut = args[++i]
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') i++
    else if (a === '--silent') silent = true
    else if (a === '--show-error') showError = true
    else if (a === '--fail') fail = true
    else if (a === '--include') include = true
    else if (a === '--head') head = true
    else if (a === '--location') continue
    else if (/^-[sSfiILv]+$/.test(a)) {
      for (const ch of a.slice(1)) {
        if (ch === 's') silent = true
        else if (ch === 'S') showError = true
        else if (ch === 'f') fail = true
        else if (ch === 'i') include = true
        else if (ch === 'I') head = true
        else if (ch === 'v') return unsupported('curl', '-v')
      }
    } else if (a.startsWith('-')) return unsupported('curl', `option ${a}`)
    else urls.push(a)
  }
  if (urls.length === 0) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 }
  const u = parseURL(urls[0])
  if (!u) return { stdout: '', stderr: `curl: (3) URL rejected: Malformed input to a URL function\n`, exitCode: 3 }
  if (u.scheme === 'https') return unsupported('curl', 'HTTPS')
  if (u.scheme !== 'http') return { stdout: '', stderr: `curl: (1) Protocol "${u.scheme}" not supported\n`, exitCode: 1 }
  const r = httpRequest(env, client, urls[0], { method: head ? 'HEAD' : 'GET', userAgent: `curl/${version}`, cause })
  const err = (code: number, msg: string): ToolResult => ({ stdout: writeOut ? writeOut.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n') : '', stderr: !silent || showError ? `curl: (${code}) ${msg}\n` : '', exitCode: code, hop: r.hop })
  if (r.error?.kind === 'resolve') return err(6, `Could not resolve host: ${u.host}`)
  if (r.error?.kind === 'refused' || r.error?.kind === 'unreachable') return err(7, `Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server`)
  if (r.error?.kind === 'not-http') return err(1, 'Received HTTP/0.9 when not allowed')
  const a = r.answer!
  if (fail && a.status >= 400) return err(22, `The requested URL returned error: ${a.status}`)
  let out = ''
  if (include || head) {
    out += `HTTP/1.1 ${a.status} ${a.reason}\r\nServer: ${a.server}\r\nDate: ${rfc1123(env.ctx.queue.now, epoch)}\r\nContent-Type: text/html\r\nContent-Length: ${utf8(a.body).length}\r\nConnection: keep-alive\r\n\r\n`
  }
  if (!head) out += a.body
  if (discard) out = ''
  if (writeOut) out += writeOut.replace(/%\{http_code\}/g, String(a.status)).replace(/\\n/g, '\n')
  return { stdout: out, stderr: '', exitCode: 0, hop: r.hop }
}

/** busybox `wget [-q] [-O -|FILE] [-T N] URL`. */
export function wget(env: NetEnv, client: Extract<TrafficClient, { kind: 'pod' }>, args: string[], cause?: number): ToolResult {
  let quiet = false
  let toStdout = false
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-O') {
      if (args[++i] !== '-') return unsupported('wget', `-O ${args[i]}`)
      toStdout = true
    } else if (a === '-O-' || a === '-qO-' || a === '-qO' || a === '-q') {
      if (a.includes('q')) quiet = true
      if (a.endsWith('O-')) toStdout = true
      if (a === '-qO' && args[++i] === '-') toStdout = true
    } else if (a === '-T' || a === '--timeout') i++
    else if (a.startsWith('-')) return unsupported('wget', `option ${a}`)
    else urls.push(a)
  }
  if (urls.length === 0) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n', exitCode: 1 }
  if (!toStdout) return unsupported('wget', 'saving to a file (use -O- or -qO-)')
  const u = parseURL(urls[0])
  if (!u || u.scheme !== 'http') return unsupported('wget', `the URL ${urls[0]}`)
  const r: HttpResult = httpRequest(env, client, urls[0], { userAgent: 'Wget', cause })
  const head = quiet ? '' : `Connecting to ${u.host}${u.port !== 80 ? `:${u.port}` : ''} (${r.ip ?? u.host}:${u.port})\n`
  if (r.error?.kind === 'resolve') return { stdout: '', stderr: `wget: bad address '${u.host}${u.port !== 80 ? `:${u.port}` : ''}'\n`, exitCode: 1, hop: r.hop }
  if (r.error) return { stdout: '', stderr: `${head}wget: can't connect to remote host (${r.ip}): Connection refused\n`, exitCode: 1, hop: r.hop }
  const a = r.answer!
  if (a.status >= 400) return { stdout: '', stderr: `${head}wget: server returned error: HTTP/1.1 ${a.status} ${a.reason}\n`, exitCode: 1, hop: r.hop }
  return { stdout: a.body, stderr: quiet ? '' : `${head}writing to stdout\nwritten to stdout\n`, exitCode: 0, hop: r.hop }
}

/** busybox `nslookup NAME`. */
export function nslookup(env: NetEnv, client: Extract<TrafficClient, { kind: 'pod' }>, args: string[], cause?: number): ToolResult {
  const name = args.find((a) => !a.startsWith('-'))
  if (!name) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n', exitCode: 1 }
  const r = resolveForPod(env, client, name, cause)
  const head = `Server:\t\t${CLUSTER_DNS_IP}\nAddress:\t${CLUSTER_DNS_IP}:53\n\n`
  if (!r.answer) return { stdout: head, stderr: `** server can't find ${name}: NXDOMAIN\n\n`, exitCode: 1, hop: r.hop }
  const lines = r.answer.addresses.map((a) => `Name:\t${r.answer!.name}\nAddress: ${a}\n`).join('')
  return { stdout: `${head}${lines}\n`, stderr: '', exitCode: 0, hop: r.hop }
}
