/**
 * What a pod answers when a connection reaches one of its ports: the container whose process
 * listens there serves it as its program does (nginx and httpd serve their document roots, with
 * their own error pages), and writes its access log line to stdout (nginx's `main` format,
 * httpd's `common` format). Reads the runtime model (kubelet/runtime), a pure library.
 */
import type { Program } from '../kubelet/model'
import { filesAt, listensAt } from '../kubelet/runtime'
import { resolvePath } from '../kubelet/runtime/fs'
import { httpAnswer } from '../kubelet/runtime/servers'
import { EPOCH_MS } from '../sim/time'

export interface HttpRequest {
  method: string
  path: string
  host: string
  userAgent: string
  /** The source address the server sees (the client pod, or the node after SNAT). */
  remoteAddr: string
}

export type BackendAnswer =
  | { kind: 'http'; status: number; reason: string; body: string; server: string; container: string; accessLog?: string }
  | { kind: 'refused' }
  | { kind: 'not-http'; error: string; container: string }

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }

/** `06/Jan/2025:09:05:00 +0000`: nginx's and httpd's `$time_local` in UTC. */
export function timeLocal(virtualMs: number): string {
  const d = new Date(EPOCH_MS + virtualMs)
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

function utf8Length(s: string): number {
  let n = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
  }
  return n
}

function errorPage(app: string, version: string, status: number): string {
  const reason = `${status} ${REASONS[status] ?? ''}`
  if (app === 'httpd') {
    return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${reason}</title>\n</head><body>\n<h1>${REASONS[status]}</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`
  }
  return `<html>\r\n<head><title>${reason}</title></head>\r\n<body>\r\n<center><h1>${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`
}

/** The body of a 200 from a document root. */
function documentBody(app: string, path: string, files: Record<string, string>): string {
  const root = app === 'httpd' ? '/usr/local/apache2/htdocs' : app === 'nginx' ? '/usr/share/nginx/html' : '/'
  const clean = path.split('?')[0] || '/'
  const p = resolvePath(root, `.${clean}`)
  return files[clean.endsWith('/') ? resolvePath(p, 'index.html') : p] ?? files[resolvePath(p, 'index.html')] ?? ''
}

/** Serves `req` on `port` of a pod whose containers run `containers`, at virtual time `at`. */
export function serve(containers: readonly { name: string; program?: Program; running: boolean }[], port: number, req: HttpRequest, at: number): BackendAnswer {
  const c = containers.find((x) => x.running && x.program && listensAt(x.program, at).includes(port))
  if (!c || !c.program) return { kind: 'refused' }
  const p = c.program
  const files = filesAt(p, at).files
  const usesFpm = p.argv.includes('php-fpm') || p.image.cmd[0] === 'php-fpm'
  const app = p.image.entry.app
  const answer = httpAnswer(app, usesFpm ? 'php-fpm' : p.argv[0], port, req.path, new Map(Object.entries(files)))
  if (answer.kind === 'not-http') return { kind: 'not-http', error: answer.error, container: c.name }
  const status = answer.code
  const body = status === 200 ? documentBody(app, req.path, files) : errorPage(app, p.image.version, status)
  const bytes = utf8Length(body)
  const server = app === 'nginx' ? `nginx/${p.image.version}` : app === 'httpd' ? `Apache/${p.image.version} (Unix)` : app
  let accessLog: string | undefined
  const request = `${req.method} ${req.path} HTTP/1.1`
  if (app === 'nginx') accessLog = `${req.remoteAddr} - - [${timeLocal(at)}] "${request}" ${status} ${bytes} "-" "${req.userAgent}" "-"`
  else if (app === 'httpd') accessLog = `${req.remoteAddr} - - [${timeLocal(at)}] "${request}" ${status} ${bytes}`
  return { kind: 'http', status, reason: REASONS[status] ?? '', body, server, container: c.name, ...(accessLog ? { accessLog } : {}) }
}
