/**
 * Program models of the other catalog images: mysql and postgres (entrypoints with their password
 * checks, first-run initialisation, then the server), php (cli, fpm, apache), node and python
 * (REPLs that end without stdin, `python -m http.server`), pause, memcached, fluentd (under tini),
 * node_exporter and curl. See servers.ts for the conventions and the shutdown behaviours.
 */
import { dateCommandTime, entrypointTime, fluentdTime, httpdTime, isoMilliTime, phpFpmTime, postgresTime } from './format'
import { resolvePath } from './fs'
import { wait, type CmdCtx, type Proc } from './proc'
import { lineAfter, listen, pause, pid, scriptPause, serve } from './server-kit'
import { Unsupported } from './shell-parse'

// ---- mysql ------------------------------------------------------------------------------------

export function* mysqlEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  if (args.length === 0 || args[0].startsWith('-')) args = ['mysqld', ...args]
  if (args[0] !== 'mysqld') return yield* ctx.run(args, { asMain: ctx.isMain })
  const v = ctx.m.image.version
  const pkg = ctx.m.os === 'debian' ? `${v}-1debian12` : `${v}-1.el9`
  const note = (text: string) => `${entrypointTime(ctx.m.now())} [Note] [Entrypoint]: ${text}`
  yield* scriptPause(ctx, 150)
  yield* lineAfter(ctx, 1, note(`Entrypoint script for MySQL Server ${pkg} started.`))
  yield* lineAfter(ctx, 1, note("Switching to dedicated user 'mysql'"))
  yield* scriptPause(ctx, 120)
  yield* lineAfter(ctx, 1, note(`Entrypoint script for MySQL Server ${pkg} started.`))
  const has = (n: string) => !!ctx.env.get(n) || !!ctx.env.get(`${n}_FILE`)
  if (!has('MYSQL_ROOT_PASSWORD') && !has('MYSQL_ALLOW_EMPTY_PASSWORD') && !has('MYSQL_RANDOM_ROOT_PASSWORD')) {
    yield* scriptPause(ctx, 60)
    yield* lineAfter(ctx, 2, `${entrypointTime(ctx.m.now())} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`)
    yield* lineAfter(ctx, 2, '    You need to specify one of the following as an environment variable:')
    yield* lineAfter(ctx, 2, '    - MYSQL_ROOT_PASSWORD')
    yield* lineAfter(ctx, 2, '    - MYSQL_ALLOW_EMPTY_PASSWORD')
    yield* lineAfter(ctx, 2, '    - MYSQL_RANDOM_ROOT_PASSWORD')
    return 1
  }
  // First start: initialise the data directory with a temporary server (about 14 s), then exec mysqld.
  const sys = (code: string, text: string, sub = 'Server') => `${isoMilliTime(ctx.m.now()).replace('Z', '000Z')} 0 [System] [${code}] [${sub}] ${text}`
  yield* lineAfter(ctx, 1, note('Initializing database files'))
  yield* lineAfter(ctx, 1, sys('MY-015017', 'MySQL Server Initialization - start.'))
  yield* scriptPause(ctx, 6000)
  yield* lineAfter(ctx, 1, sys('MY-015018', 'MySQL Server Initialization - end.'))
  yield* lineAfter(ctx, 1, note('Database files initialized'))
  yield* lineAfter(ctx, 1, note('Starting temporary server'))
  yield* scriptPause(ctx, 2500)
  yield* lineAfter(ctx, 1, note('Temporary server started.'))
  yield* scriptPause(ctx, 2500)
  if (ctx.env.get('MYSQL_DATABASE')) yield* lineAfter(ctx, 1, note(`Creating database ${ctx.env.get('MYSQL_DATABASE')}`))
  yield* lineAfter(ctx, 1, note('Stopping temporary server'))
  yield* scriptPause(ctx, 2000)
  yield* lineAfter(ctx, 1, note('Temporary server stopped'))
  yield* lineAfter(ctx, 1, '')
  yield* lineAfter(ctx, 1, note('MySQL init process done. Ready for start up.'))
  yield* lineAfter(ctx, 1, '')
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* mysqld(ctx: CmdCtx): Proc {
  const v = ctx.m.image.version
  const sys = (code: string, text: string) => `${isoMilliTime(ctx.m.now()).replace('Z', '000Z')} 0 [System] [${code}] [Server] ${text}`
  yield* pause(ctx, 300)
  yield* lineAfter(ctx, 1, sys('MY-015015', `MySQL Server - start.`))
  yield* lineAfter(ctx, 1, sys('MY-010116', `/usr/sbin/mysqld (mysqld ${v}) starting as process 1`))
  yield* pause(ctx, 900)
  yield* listen(3306)
  yield* listen(33060)
  yield* lineAfter(ctx, 1, sys('MY-011323', "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock"))
  yield* lineAfter(ctx, 1, sys('MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`))
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT' && sig !== 'QUIT') return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 1, sys('MY-013172', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${v}).`))
      yield* listen(3306, false)
      yield* listen(33060, false)
      yield* pause(ctx, 1500)
      yield* lineAfter(ctx, 1, sys('MY-010910', `/usr/sbin/mysqld: Shutdown complete (mysqld ${v})  MySQL Community Server - GPL.`))
      yield* lineAfter(ctx, 1, sys('MY-015016', 'MySQL Server - end.'))
      return 0
    })()
  })
}

// ---- postgres ---------------------------------------------------------------------------------

export function* postgresEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  if (args.length === 0 || args[0].startsWith('-')) args = ['postgres', ...args]
  if (args[0] !== 'postgres') return yield* ctx.run(args, { asMain: ctx.isMain })
  yield* scriptPause(ctx, 80)
  if (!ctx.env.get('POSTGRES_PASSWORD') && !ctx.env.get('POSTGRES_PASSWORD_FILE') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
    for (const l of [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ]) yield* lineAfter(ctx, 2, l)
    return 1
  }
  const user = ctx.env.get('POSTGRES_USER') || 'postgres'
  for (const l of [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
    'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
    'creating subdirectories ... ok',
  ]) yield* lineAfter(ctx, 1, l)
  yield* scriptPause(ctx, 1200)
  for (const l of [
    'syncing data to disk ... ok',
    '',
    '',
    'Success. You can now start the database server using:',
    '',
    "    pg_ctl -D /var/lib/postgresql/data -l logfile start",
    '',
    'waiting for server to start.... done',
    'server started',
  ]) yield* lineAfter(ctx, 1, l)
  yield* scriptPause(ctx, 400)
  if (ctx.env.get('POSTGRES_DB') && ctx.env.get('POSTGRES_DB') !== user) yield* lineAfter(ctx, 1, 'CREATE DATABASE')
  for (const l of ['', '', '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*', '', 'waiting for server to shut down.... done', 'server stopped', '', 'PostgreSQL init process complete; ready for start up.', '']) {
    yield* lineAfter(ctx, 1, l)
  }
  yield* scriptPause(ctx, 200)
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* postgres(ctx: CmdCtx): Proc {
  const v = ctx.m.image.version
  const p = pid(ctx, 1, 7)
  const log = (who: number, text: string) => `${postgresTime(ctx.m.now())} [${who}] LOG:  ${text}`
  yield* pause(ctx, 30)
  yield* lineAfter(ctx, 2, log(p, `starting PostgreSQL ${v} (Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`))
  yield* lineAfter(ctx, 2, log(p, 'listening on IPv4 address "0.0.0.0", port 5432'))
  yield* lineAfter(ctx, 2, log(p, 'listening on IPv6 address "::", port 5432'))
  yield* lineAfter(ctx, 2, log(p, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'))
  yield* pause(ctx, 10)
  yield* lineAfter(ctx, 2, log(p + 27, `database system was shut down at ${postgresTime(ctx.m.now() - 300).replace(/\.\d{3}/, '')}`))
  yield* listen(5432)
  yield* lineAfter(ctx, 2, log(p, 'database system is ready to accept connections'))
  return yield* serve(ctx, (sig) => {
    const kind: Record<string, string> = { INT: 'fast', TERM: 'smart', QUIT: 'immediate' }
    if (!kind[sig]) return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 2, log(p, `received ${kind[sig]} shutdown request`))
      yield* listen(5432, false)
      if (sig !== 'QUIT') {
        yield* lineAfter(ctx, 2, log(p, 'aborting any active transactions'))
        yield* lineAfter(ctx, 2, log(p, `background worker "logical replication launcher" (PID ${p + 32}) exited with exit code 1`))
        yield* pause(ctx, 10)
        yield* lineAfter(ctx, 2, log(p + 25, 'shutting down'))
        yield* lineAfter(ctx, 2, log(p + 25, 'checkpoint starting: shutdown immediate'))
        yield* pause(ctx, 20)
        yield* lineAfter(ctx, 2, log(p + 25, 'checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.010 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1912F88, redo lsn=0/1912F88'))
      }
      yield* pause(ctx, 10)
      yield* lineAfter(ctx, 2, log(p, 'database system is shut down'))
      return 0
    })()
  })
}

// ---- php --------------------------------------------------------------------------------------

export function* phpEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  const fpm = ctx.m.image.cmd[0] === 'php-fpm'
  if (args.length === 0 || args[0].startsWith('-')) args = [fpm ? 'php-fpm' : 'php', ...args]
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* php(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const v = ctx.m.image.version
  if (args[0] === '-a') {
    // The interactive shell reads from stdin; without one it ends at once.
    yield* lineAfter(ctx, 1, 'Interactive shell')
    yield* lineAfter(ctx, 1, '')
    if (ctx.m.stdinOpen) yield* wait(Infinity, ctx.isMain)
    return 0
  }
  if (args[0] === '-v' || args[0] === '--version') {
    yield* lineAfter(ctx, 1, `PHP ${v} (cli) (built: Jun  5 2025 18:12:45) (NTS)`)
    yield* lineAfter(ctx, 1, 'Copyright (c) The PHP Group')
    yield* lineAfter(ctx, 1, `Zend Engine v4.4.8, Copyright (c) Zend Technologies`)
    return 0
  }
  if (args[0] === '-S' && args[1]) {
    const m = /:(\d+)$/.exec(args[1])
    const port = m ? Number(m[1]) : 80
    yield* pause(ctx, 20)
    yield* listen(port)
    yield* lineAfter(ctx, 2, `[${dateCommandTime(ctx.m.now()).replace(' UTC', '')}] PHP ${v} Development Server (http://${args[1]}) started`)
    return yield* serve(ctx)
  }
  if (args.length === 0) {
    if (ctx.m.stdinOpen) yield* wait(Infinity, ctx.isMain)
    return 0
  }
  if (!args[0].startsWith('-')) {
    const file = resolvePath(ctx.cwd, args[0])
    if (ctx.m.fs.read(file) === undefined) {
      yield* lineAfter(ctx, 1, `Could not open input file: ${args[0]}`)
      return 1
    }
    throw new Unsupported('running PHP code')
  }
  throw new Unsupported(`php ${args.join(' ')}`)
}

export function* phpFpm(ctx: CmdCtx): Proc {
  const p = pid(ctx, 1, 7)
  const at = () => `[${phpFpmTime(ctx.m.now())}]`
  yield* pause(ctx, 15)
  yield* listen(9000)
  yield* lineAfter(ctx, 2, `${at()} NOTICE: fpm is running, pid ${p}`)
  yield* lineAfter(ctx, 2, `${at()} NOTICE: ready to handle connections`)
  return yield* serve(ctx, (sig) => {
    if (sig !== 'QUIT' && sig !== 'TERM' && sig !== 'INT') return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 2, `${at()} NOTICE: ${sig === 'QUIT' ? 'Finishing' : 'Terminating'} ...`)
      yield* listen(9000, false)
      yield* pause(ctx, 10)
      yield* lineAfter(ctx, 2, `${at()} NOTICE: exiting, bye-bye!`)
      return 0
    })()
  })
}

export function* apache2Foreground(ctx: CmdCtx): Proc {
  const p = pid(ctx, 1, 7)
  const fqdn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.m.podIP}. Set the 'ServerName' directive globally to suppress this message`
  yield* pause(ctx, 20)
  yield* lineAfter(ctx, 2, fqdn)
  yield* lineAfter(ctx, 2, fqdn)
  yield* listen(80)
  const at = () => `[${httpdTime(ctx.m.now())}]`
  yield* lineAfter(ctx, 2, `${at()} [mpm_prefork:notice] [pid ${p}:tid ${p}] AH00163: Apache/2.4.62 (Debian) PHP/${ctx.m.image.version} configured -- resuming normal operations`)
  yield* lineAfter(ctx, 2, `${at()} [core:notice] [pid ${p}:tid ${p}] AH00094: Command line: 'apache2 -D FOREGROUND'`)
  return yield* serve(ctx, (sig) => {
    if (sig !== 'WINCH' && sig !== 'TERM') return 'ignore'
    return (function* (): Proc {
      yield* listen(80, false)
      yield* lineAfter(ctx, 2, `${at()} [mpm_prefork:notice] [pid ${p}:tid ${p}] ${sig === 'WINCH' ? 'AH00492: caught SIGWINCH, shutting down gracefully' : 'AH00491: caught SIGTERM, shutting down'}`)
      yield* pause(ctx, 20)
      return 0
    })()
  })
}

// ---- node, python -----------------------------------------------------------------------------

export function* nodeEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  // Upstream: docker-node docker-entrypoint.sh: prepend `node` when $1 is an option or not a command.
  if (args.length === 0 || args[0].startsWith('-') || (!ctx.m.binaries.has(args[0]) && !args[0].includes('/') && !['sh', 'bash'].includes(args[0]))) {
    args = ['node', ...args]
  } else if (args[0].includes('/') && ctx.m.fs.isFile(resolvePath(ctx.cwd, args[0]))) args = ['node', ...args]
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* node(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const v = ctx.m.image.version
  if (args.length === 0) {
    // The REPL reads stdin; with none (no `stdin: true`) it ends at once, silently.
    if (ctx.m.stdinOpen) yield* wait(Infinity, ctx.isMain)
    return 0
  }
  if (args[0] === '-v' || args[0] === '--version') {
    yield* lineAfter(ctx, 1, `v${v}`)
    return 0
  }
  if (args[0].startsWith('-')) throw new Unsupported(`node ${args[0]} (running JavaScript)`)
  const file = resolvePath(ctx.cwd, args[0])
  if (ctx.m.fs.read(file) !== undefined) throw new Unsupported('running JavaScript')
  // Node's "Cannot find module" error; the stack frames are representative, their line numbers vary by release.
  for (const l of [
    'node:internal/modules/cjs/loader:1404',
    '  throw err;',
    '  ^',
    '',
    `Error: Cannot find module '${file}'`,
    '    at Function._resolveFilename (node:internal/modules/cjs/loader:1401:15)',
    '    at defaultResolveImpl (node:internal/modules/cjs/loader:1057:19)',
    '    at resolveForCJSWithHooks (node:internal/modules/cjs/loader:1062:22)',
    '    at Function._load (node:internal/modules/cjs/loader:1211:37)',
    '    at TracingChannel.traceSync (node:diagnostics_channel:322:14)',
    '    at wrapModuleLoad (node:internal/modules/cjs/loader:235:24)',
    '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:171:5)',
    '    at node:internal/main/run_main_module:36:49 {',
    "  code: 'MODULE_NOT_FOUND',",
    '  requireStack: []',
    '}',
    '',
    `Node.js v${v}`,
  ]) yield* lineAfter(ctx, 2, l)
  return 1
}

export function* python(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const v = ctx.m.image.version
  if (args.length === 0) {
    if (ctx.m.stdinOpen) yield* wait(Infinity, ctx.isMain)
    return 0
  }
  if (args[0] === '--version' || args[0] === '-V') {
    yield* lineAfter(ctx, 1, `Python ${v}`)
    return 0
  }
  if (args[0] === '-m' && args[1] === 'http.server') {
    const port = args[2] && /^\d+$/.test(args[2]) ? Number(args[2]) : 8000
    yield* pause(ctx, 60)
    yield* listen(port)
    // print() to a pipe is block-buffered: the line shows in the logs only with PYTHONUNBUFFERED.
    if (ctx.env.get('PYTHONUNBUFFERED')) yield* lineAfter(ctx, 1, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`)
    return yield* serve(ctx)
  }
  if (args[0].startsWith('-')) throw new Unsupported(`python ${args[0]} (running Python code)`)
  const file = resolvePath(ctx.cwd, args[0])
  if (ctx.m.fs.read(file) === undefined) {
    yield* lineAfter(ctx, 2, `${ctx.argv[0].split('/').pop()}: can't open file '${file}': [Errno 2] No such file or directory`)
    return 2
  }
  throw new Unsupported('running Python code')
}

// ---- small servers and tools ------------------------------------------------------------------

export function* pauseCmd(ctx: CmdCtx): Proc {
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT') return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 2, `Shutting down, got signal: ${sig === 'TERM' ? 'Terminated' : 'Interrupt'}`)
      return 0
    })()
  })
}

export function* memcachedEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  if (args.length === 0 || args[0].startsWith('-')) args = ['memcached', ...args]
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* memcached(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  let port = 11211
  for (let i = 0; i < args.length; i++) if (args[i] === '-p') port = Number(args[++i])
  yield* pause(ctx, 5)
  yield* listen(port)
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT') return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 2, `Signal handled: ${sig === 'TERM' ? 'Terminated' : 'Interrupt'}.`)
      yield* listen(port, false)
      return 0
    })()
  })
}

export function* tini(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  const i = args.indexOf('--')
  // tini is PID 1 and forwards signals to its child, so the child acts as the main process.
  return yield* ctx.run(i >= 0 ? args.slice(i + 1) : args, { asMain: ctx.isMain })
}

export function* fluentdEntrypoint(ctx: CmdCtx): Proc {
  return yield* ctx.run(ctx.argv.slice(1).length ? ctx.argv.slice(1) : ['fluentd'], { asMain: ctx.isMain })
}

export function* fluentd(ctx: CmdCtx): Proc {
  const v = ctx.m.image.version
  const info = (text: string) => `${fluentdTime(ctx.m.now())} [info]: ${text}`
  yield* pause(ctx, 400)
  yield* lineAfter(ctx, 1, info('init supervisor logger path=nil rotate_age=nil rotate_size=nil'))
  yield* lineAfter(ctx, 1, info('parsing config file is succeeded path="/fluentd/etc/fluent.conf"'))
  yield* lineAfter(ctx, 1, info(`gem 'fluentd' version '${v}'`))
  yield* lineAfter(ctx, 1, info(`starting fluentd-${v} pid=7 ruby="3.2.6"`))
  yield* lineAfter(ctx, 1, info('spawn command to main:  cmdline=["/usr/bin/ruby", "-Eascii-8bit:ascii-8bit", "/usr/bin/fluentd", "--config", "/fluentd/etc/fluent.conf", "--plugin", "/fluentd/plugins", "--under-supervisor"]'))
  yield* pause(ctx, 600)
  yield* lineAfter(ctx, 1, info('#0 init worker0 logger path=nil rotate_age=nil rotate_size=nil'))
  yield* lineAfter(ctx, 1, info('#0 starting fluentd worker pid=16 ppid=7 worker=0'))
  yield* listen(24224)
  yield* lineAfter(ctx, 1, info('#0 listening port port=24224 bind="0.0.0.0"'))
  yield* lineAfter(ctx, 1, info('#0 fluentd worker is now running worker=0'))
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT') return 'ignore'
    return (function* (): Proc {
      yield* lineAfter(ctx, 1, info('Received graceful stop'))
      yield* listen(24224, false)
      yield* pause(ctx, 200)
      yield* lineAfter(ctx, 1, info('#0 fluentd worker is now stopping worker=0'))
      yield* lineAfter(ctx, 1, info('Worker 0 finished with status 0'))
      return 0
    })()
  })
}

export function* nodeExporter(ctx: CmdCtx): Proc {
  const v = ctx.m.image.version
  let port = 9100
  for (const a of ctx.argv.slice(1)) {
    const m = /^--web\.listen-address=.*:(\d+)$/.exec(a)
    if (m) port = Number(m[1])
  }
  const line = (src: string, text: string) => `time=${isoMilliTime(ctx.m.now())} level=INFO source=${src} ${text}`
  yield* pause(ctx, 8)
  yield* lineAfter(ctx, 2, line('node_exporter.go:216', `msg="Starting node_exporter" version="(version=${v}, branch=HEAD, revision=f2ec547b49af53815038a50265aa2adcd1275959)"`))
  yield* lineAfter(ctx, 2, line('node_exporter.go:217', 'msg="Build context" build_context="(go=go1.23.7, platform=linux/amd64, user=root@7023beaa563a, date=20250401-15:19:01, tags=unknown)"'))
  yield* lineAfter(ctx, 2, line('node_exporter.go:135', 'msg="Enabled collectors"'))
  yield* listen(port)
  yield* lineAfter(ctx, 2, line('tls_config.go:347', `msg="Listening on" address=[::]:${port}`))
  yield* lineAfter(ctx, 2, line('tls_config.go:350', `msg="TLS is disabled." http2=false address=[::]:${port}`))
  // A Go program without a handler: the runtime re-raises the signal, PID 1 ignores it, and the runtime exits 2.
  return yield* serve(ctx, (sig) => {
    if (sig !== 'TERM' && sig !== 'INT' && sig !== 'QUIT') return 'ignore'
    return (function* (): Proc {
      return ctx.m.pid1 ? 2 : 128 + (sig === 'TERM' ? 15 : sig === 'INT' ? 2 : 3)
    })()
  })
}

export function* curlEntrypoint(ctx: CmdCtx): Proc {
  let args = ctx.argv.slice(1)
  if (args.length === 0 || args[0].startsWith('-')) args = ['curl', ...args]
  return yield* ctx.run(args, { asMain: ctx.isMain })
}

export function* curl(ctx: CmdCtx): Proc {
  const args = ctx.argv.slice(1)
  if (args.length === 0) {
    yield* lineAfter(ctx, 2, "curl: try 'curl --help' or 'curl --manual' for more information")
    return 2
  }
  throw new Unsupported('the network command "curl" (requests to Services and Pods are not simulated inside containers)')
}

