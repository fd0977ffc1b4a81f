/**
 * Models of the images' own programs: their entrypoint scripts, startup log lines, listening
 * ports, HTTP answers and reactions to signals.
 *
 * Log lines are the ones the real images print, with times formatted as each program does.
 * Long startups (mysql, postgres, fluentd, node_exporter) are abbreviated to the lines students
 * look for; the first and last lines are the real ones. Startup durations are documented on each
 * model. Shutdown on the stop signal (the image's STOPSIGNAL, which containerd sends):
 * - nginx: SIGQUIT (graceful) or SIGTERM (fast): workers exit, the master exits 0 after 20 ms.
 * - httpd: SIGWINCH (graceful stop) or SIGTERM: exits 0 after 20 ms.
 * - redis: SIGTERM: saves the RDB snapshot and exits 0 after 105 ms (its cron runs every 100 ms).
 * - mysqld: SIGTERM: exits 0 after 1.5 s; before it is ready the entrypoint (a bash script, PID 1)
 *   ignores it.
 * - postgres: SIGINT (fast shutdown) or SIGTERM (smart): exits 0 after 40 ms.
 * - php-fpm: SIGQUIT/SIGTERM: exits 0 after 10 ms. memcached, pause, fluentd: exit 0 promptly.
 * - node_exporter (Go) has no handler: the Go runtime re-raises, PID 1 ignores that, and the
 *   runtime exits 2.
 * - node and python have no handler: as PID 1 they ignore SIGTERM (the classic 30 s wait).
 */
import { EPOCH_MS } from '../../sim/time'
import { KERNEL_RELEASE } from './commands'
import {
  apache2Foreground,
  curl,
  curlEntrypoint,
  fluentd,
  fluentdEntrypoint,
  memcached,
  memcachedEntrypoint,
  mysqld,
  mysqlEntrypoint,
  node,
  nodeEntrypoint,
  nodeExporter,
  pauseCmd,
  php,
  phpEntrypoint,
  phpFpm,
  postgres,
  postgresEntrypoint,
  python,
  tini,
} from './apps'
import { httpdTime, nginxTime, redisTime } from './format'
import { resolvePath } from './fs'
import { write, type CmdCtx, type ExternalImpl, type Proc, type SignalHandler } from './proc'
import { lineAfter, listen, pause, pid, scriptPause, serve, versionAtLeast } from './server-kit'
import { Unsupported } from './shell-parse'


// ---- nginx ------------------------------------------------------------------------------------

/** Ports from `listen N;` in the nginx config files the pod mounted; 80 when there are none. */
function nginxPorts(ctx: CmdCtx): number[] {
  const ports = new Set<number>()
  for (const [path, content] of ctx.m.fs.files) {
    if (!path.startsWith('/etc/nginx/')) continue
    for (const m of content.matchAll(/^\s*listen\s+(?:[\d.]+:|\[[^\]]*\]:)?(\d+)/gm)) ports.add(Number(m[1]))
  }
  return ports.size ? [...ports].sort((a, b) => a - b) : [80]
}

function* nginxEntrypoint(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  if ((args[0] === 'nginx' || args[0] === 'nginx-debug') && !ctx.env.get('NGINX_ENTRYPOINT_QUIET_LOGS')) {
    const v = ctx.m.image.version
    const lines = [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      ...(versionAtLeast(v, '1.25.3') ? ['/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'] : []),
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]
    for (const l of lines) {
      yield* lineAfter(ctx, 1, l)
      yield* scriptPause(ctx, 2)
    }
    return yield* ctx.run(args, { asMain: ctx.isMain, env: new Map([...ctx.env, ['__NGINX_VIA_ENTRYPOINT', '1']]) })
  }
  return yield* ctx.run(args.length ? args : ['nginx', '-g', 'daemon off;'], { asMain: ctx.isMain })
}

const NGINX_SIGNALS: Record<string, [number, string]> = { TERM: [15, 'SIGTERM'], INT: [2, 'SIGINT'], QUIT: [3, 'SIGQUIT'] }

function* nginx(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const v = ctx.m.image.version
  let foreground = false
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-g') {
      if (/daemon\s+off\s*;/.test(args[++i] ?? '')) foreground = true
    } else if (a === '-v' || a === '-V') {
      yield* write(ctx.io, 2, `nginx version: nginx/${v}\n`, ctx.m)
      if (a === '-V') throw new Unsupported('nginx -V (build configuration)')
      return 0
    } else if (a === '-t' || a === '-T') {
      if (a === '-T') throw new Unsupported('nginx -T')
      yield* write(ctx.io, 2, 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', ctx.m)
      return 0
    } else if (a === '-s') {
      const sig = args[++i]
      const map: Record<string, string> = { stop: 'TERM', quit: 'QUIT', reopen: 'USR1', reload: 'HUP' }
      if (!map[sig]) throw new Unsupported(`nginx -s ${sig}`)
      yield { k: 'signal-main', signal: map[sig] }
      return 0
    } else if (a === '-c' || a === '-p' || a === '-e') {
      i++
    } else throw new Unsupported(`nginx ${a}`)
  }
  if (!foreground) {
    // The master daemonises: the process the container started exits at once, so the container
    // completes (and, with restartPolicy Always, goes into CrashLoopBackOff).
    yield* pause(ctx, 10)
    return 0
  }
  const master = ctx.isMain ? 1 : 7
  const firstWorker = ctx.env.get('__NGINX_VIA_ENTRYPOINT') ? 29 : master + 6
  const workers = Array.from({ length: Math.max(1, ctx.m.cpus) }, (_, i) => firstWorker + i)
  const note = (p: number, text: string) => `${nginxTime(ctx.m.now())} [notice] ${p}#${p}: ${text}`
  const gcc = ctx.m.os === 'alpine' ? 'built by gcc 14.2.0 (Alpine 14.2.0)' : versionAtLeast(v, '1.25.0') ? 'built by gcc 12.2.0 (Debian 12.2.0-14)' : 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6)'
  yield* pause(ctx, 3)
  for (const l of ['using the "epoll" event method', `nginx/${v}`, gcc, `OS: Linux ${KERNEL_RELEASE}`, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576']) {
    yield* lineAfter(ctx, 2, note(master, l))
  }
  const ports = nginxPorts(ctx)
  for (const p of ports) yield* listen(p)
  yield* lineAfter(ctx, 2, note(master, 'start worker processes'))
  for (const w of workers) yield* lineAfter(ctx, 2, note(master, `start worker process ${w}`))

  const onSignal: SignalHandler = (sig) => {
    const known = NGINX_SIGNALS[sig]
    if (!known) return 'ignore'
    return (function* (): Proc {
      const [num, name] = known
      const graceful = sig === 'QUIT'
      yield* lineAfter(ctx, 2, note(master, `signal ${num} (${name}) received, ${graceful ? 'shutting down' : 'exiting'}`))
      for (const p of ports) yield* listen(p, false)
      for (const w of workers) {
        if (graceful) yield* lineAfter(ctx, 2, note(w, 'gracefully shutting down'))
        yield* lineAfter(ctx, 2, note(w, 'exiting'))
        yield* lineAfter(ctx, 2, note(w, 'exit'))
      }
      yield* pause(ctx, 10)
      for (const w of workers) {
        yield* lineAfter(ctx, 2, note(master, `signal 17 (SIGCHLD) received from ${w}`))
        yield* lineAfter(ctx, 2, note(master, `worker process ${w} exited with code 0`))
      }
      yield* pause(ctx, 10)
      yield* lineAfter(ctx, 2, note(master, 'exit'))
      return 0
    })()
  }
  return yield* serve(ctx, onSignal)
}

// ---- httpd ------------------------------------------------------------------------------------

function* httpdForeground(ctx: CmdCtx): Proc {
  const v = ctx.m.image.version
  const p = pid(ctx, 1, 7)
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.m.podIP}. Set the 'ServerName' directive globally to suppress this message`
  yield* pause(ctx, 5)
  yield* lineAfter(ctx, 2, fqdn)
  yield* lineAfter(ctx, 2, fqdn)
  yield* listen(80)
  yield* pause(ctx, 2)
  const at = () => `[${httpdTime(ctx.m.now())}]`
  yield* lineAfter(ctx, 2, `${at()} [mpm_event:notice] [pid ${p}:tid ${p}] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`)
  yield* lineAfter(ctx, 2, `${at()} [core:notice] [pid ${p}:tid ${p}] AH00094: Command line: 'httpd -D FOREGROUND'`)
  return yield* serve(ctx, (sig) => {
    const texts: Record<string, string> = { WINCH: 'AH00492: caught SIGWINCH, shutting down gracefully', TERM: 'AH00491: caught SIGTERM, shutting down', INT: 'AH00491: caught SIGTERM, shutting down' }
    if (!texts[sig]) return 'ignore'
    return (function* (): Proc {
      yield* listen(80, false)
      yield* lineAfter(ctx, 2, `${at()} [mpm_event:notice] [pid ${p}:tid ${p}] ${texts[sig]}`)
      yield* pause(ctx, 20)
      return 0
    })()
  })
}

// ---- redis ------------------------------------------------------------------------------------

function* redisEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  if (args.length === 0 || args[0].startsWith('-') || args[0].endsWith('.conf')) args = ['redis-server', ...args]
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

function* redisServer(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  let port = 6379
  let configFile: string | undefined
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i])
    else if (args[i] === '--version' || args[i] === '-v') {
      yield* lineAfter(ctx, 1, `Redis server v=${ctx.m.image.version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=${'0'.repeat(16)}`)
      return 0
    } else if (!args[i].startsWith('--') && i === 0) configFile = args[i]
    else if (args[i].startsWith('--')) i++
  }
  const p = pid(ctx, 1, 7)
  const ts = () => redisTime(ctx.m.now())
  const v = ctx.m.image.version
  yield* pause(ctx, 2)
  yield* lineAfter(ctx, 1, `${p}:C ${ts()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`)
  yield* lineAfter(ctx, 1, `${p}:C ${ts()} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=${p}, just started`)
  if (configFile) {
    if (ctx.m.fs.read(resolvePath(ctx.cwd, configFile)) === undefined) {
      yield* lineAfter(ctx, 1, '')
      yield* lineAfter(ctx, 1, '*** FATAL CONFIG FILE ERROR (Redis ' + v + ') ***')
      yield* lineAfter(ctx, 1, `Fatal error, can't open config file '${resolvePath(ctx.cwd, configFile)}': No such file or directory`)
      return 1
    }
    yield* lineAfter(ctx, 1, `${p}:C ${ts()} * Configuration loaded`)
  } else {
    yield* lineAfter(ctx, 1, `${p}:C ${ts()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`)
  }
  yield* pause(ctx, 1)
  yield* lineAfter(ctx, 1, `${p}:M ${ts()} * monotonic clock: POSIX clock_gettime`)
  yield* lineAfter(ctx, 1, `${p}:M ${ts()} * Running mode=standalone, port=${port}.`)
  yield* lineAfter(ctx, 1, `${p}:M ${ts()} * Server initialized`)
  yield* listen(port)
  yield* lineAfter(ctx, 1, `${p}:M ${ts()} * Ready to accept connections tcp`)
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT') return 'ignore'
    return (function* (): Proc {
      const name = sig === 'TERM' ? 'SIGTERM' : 'SIGINT'
      yield* lineAfter(ctx, 1, `${p}:signal-handler (${Math.floor((ctx.m.now() + EPOCH_MS) / 1000)}) Received ${name} scheduling shutdown...`)
      yield* pause(ctx, 100)
      yield* lineAfter(ctx, 1, `${p}:M ${ts()} * User requested shutdown...`)
      yield* lineAfter(ctx, 1, `${p}:M ${ts()} * Saving the final RDB snapshot before exiting.`)
      yield* pause(ctx, 5)
      yield* lineAfter(ctx, 1, `${p}:M ${ts()} * DB saved on disk`)
      yield* listen(port, false)
      yield* lineAfter(ctx, 1, `${p}:M ${ts()} # Redis is now ready to exit, bye bye...`)
      return 0
    })()
  })
}

/** Program models by executable name. `docker-entrypoint.sh` depends on the image. */
export const SERVERS: Record<string, ExternalImpl> = {
  nginx,
  'nginx-debug': nginx,
  'httpd-foreground': httpdForeground,
  'redis-server': redisServer,
  mysqld,
  postgres,
  php,
  'php-fpm': phpFpm,
  'docker-php-entrypoint': phpEntrypoint,
  'apache2-foreground': apache2Foreground,
  node,
  python,
  python3: python,
  pause: pauseCmd,
  memcached,
  tini,
  fluentd,
  node_exporter: nodeExporter,
  curl,
}

/** The image's `docker-entrypoint.sh` / `entrypoint.sh`, by application. */
export const ENTRYPOINTS: Record<string, ExternalImpl> = {
  nginx: nginxEntrypoint,
  redis: redisEntrypoint,
  mysql: mysqlEntrypoint,
  postgres: postgresEntrypoint,
  node: nodeEntrypoint,
  memcached: memcachedEntrypoint,
  fluentd: fluentdEntrypoint,
  curl: curlEntrypoint,
}

/** What an HTTP GET to a port of the container answers. */
export type HttpAnswer =
  | { kind: 'status'; code: number }
  /** The port speaks another protocol; `error` is Go's net/http error after `Get "<url>": `. */
  | { kind: 'not-http'; error: string }

/**
 * The HTTP answer of the program listening on `port` for `path`.
 * nginx and httpd serve their document roots (`/` is 200, a missing file 404).
 */
export function httpAnswer(app: string, cmd0: string, port: number, path: string, files: Map<string, string>): HttpAnswer {
  const clean = path.split('?')[0] || '/'
  const served = (root: string, index = 'index.html') => {
    const p = resolvePath(root, `.${clean}`)
    const f = clean.endsWith('/') ? resolvePath(p, index) : p
    return files.has(f) || files.has(resolvePath(p, index)) ? 200 : 404
  }
  if (port === 6379 || port === 26379) return { kind: 'not-http', error: `net/http: HTTP/1.x transport connection broken: malformed HTTP response "-ERR wrong number of arguments for 'get' command"` }
  if (port === 9000 && cmd0 === 'php-fpm') return { kind: 'not-http', error: 'EOF' }
  if (port === 3306 || port === 33060 || port === 5432 || port === 11211 || port === 24224) return { kind: 'not-http', error: 'EOF' }
  switch (app) {
    case 'nginx':
      return { kind: 'status', code: served('/usr/share/nginx/html') }
    case 'httpd':
      return { kind: 'status', code: served('/usr/local/apache2/htdocs') }
    case 'php':
      return { kind: 'status', code: clean === '/' ? 403 : 404 }
    case 'node-exporter':
      return { kind: 'status', code: clean === '/' || clean === '/metrics' ? 200 : 404 }
    case 'python':
      return { kind: 'status', code: clean === '/' ? 200 : served('/') }
    default:
      return { kind: 'status', code: 404 }
  }
}
