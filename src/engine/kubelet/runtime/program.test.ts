import { describe, expect, test } from 'vitest'
import { exitBy, expandKubeVars, filesAt, listensAt, logsUntil, resolveArgv, runProgram, type ProgramSpec } from './program'

const base = { env: {} as Record<string, string>, startedAt: 0, hostname: 'demo', podIP: '10.244.1.5' }
const run = (spec: Partial<ProgramSpec> & { image: string }) => runProgram({ ...base, ...spec })
const sh = (image: string, script: string, env: Record<string, string> = {}) => run({ image, command: ['sh', '-c', script], env })
const out = (p: ReturnType<typeof runProgram>, t = 60_000) => logsUntil(p, t).map((l) => l.text)

describe('argv resolution (Kubernetes rules)', () => {
  const image = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] }
  test('no command, no args: ENTRYPOINT + CMD', () => {
    expect(resolveArgv(image, undefined, undefined, {})).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'])
  })
  test('command replaces ENTRYPOINT and drops CMD', () => {
    expect(resolveArgv(image, ['sleep', '10'], undefined, {})).toEqual(['sleep', '10'])
  })
  test('args replace CMD only', () => {
    expect(resolveArgv(image, undefined, ['nginx-debug'], {})).toEqual(['/docker-entrypoint.sh', 'nginx-debug'])
  })
  test('command and args', () => {
    expect(resolveArgv(image, ['sh', '-c'], ['echo hi'], {})).toEqual(['sh', '-c', 'echo hi'])
  })
  test('$(VAR) expansion as the kubelet does it', () => {
    const env = { GREETING: 'hello', EMPTY: '' }
    expect(expandKubeVars('$(GREETING) world', env)).toBe('hello world')
    expect(expandKubeVars('$(MISSING)', env)).toBe('$(MISSING)')
    expect(expandKubeVars('$$(GREETING)', env)).toBe('$(GREETING)')
    expect(expandKubeVars('$$', env)).toBe('$')
    expect(expandKubeVars('a$(EMPTY)b', env)).toBe('ab')
    expect(expandKubeVars('$HOME $(GREETING', env)).toBe('$HOME $(GREETING')
    expect(expandKubeVars('cost: 5$', env)).toBe('cost: 5$')
    expect(resolveArgv(image, ['echo', '$(GREETING)'], ['$$(GREETING)'], env)).toEqual(['echo', 'hello', '$(GREETING)'])
  })
})

describe('the shell interpreter', () => {
  test('echo, quoting, variables, command substitution, arithmetic', () => {
    const p = sh('busybox', `echo 'single $X' "double $GREETING" un\\ quoted; echo \${NOPE:-fallback} $(hostname) $((6*7)); X=1; echo "$X$X"`, { GREETING: 'hi' })
    expect(out(p)).toEqual(['single $X double hi un quoted', 'fallback demo 42', '11'])
    expect(p.exit).toEqual({ at: 0, code: 0, reason: 'Completed' })
  })

  test('dash interprets backslashes in echo, busybox does not', () => {
    expect(out(sh('debian', 'echo "a\\nb"'))).toEqual(['a', 'b'])
    expect(out(sh('busybox', 'echo "a\\nb"'))).toEqual(['a\\nb'])
    expect(out(sh('busybox', 'echo -e "a\\nb"; printf "%s=%d\\n" x 1 y 2'))).toEqual(['a', 'b', 'x=1', 'y=2'])
  })

  test(';, &&, ||, if, for, while, until, !', () => {
    const p = sh('busybox', [
      'false && echo no || echo yes',
      'if [ -f /tmp/x ]; then echo there; elif true; then echo elif; else echo else; fi',
      'for i in 1 2 3; do echo "i=$i"; done',
      'n=0; while [ $n -lt 2 ]; do n=$((n+1)); done; echo n=$n',
      'until [ $n -eq 0 ]; do n=$((n-1)); done; echo n=$n',
      '! false && echo negated',
      'for w in "a b" c; do echo "[$w]"; done',
    ].join('; '))
    expect(out(p)).toEqual(['yes', 'elif', 'i=1', 'i=2', 'i=3', 'n=2', 'n=0', 'negated', '[a b]', '[c]'])
  })

  test('an endless loop is generated lazily: a line every 5 s, forever', () => {
    const p = sh('busybox', 'while true; do echo hi; sleep 5; done')
    expect(p.exit).toBeUndefined()
    expect(p.runsForever).toBe('periodic')
    expect(logsUntil(p, 60_000)).toHaveLength(13) // 0, 5, …, 60 s
    expect(logsUntil(p, 59_999)).toHaveLength(12)
    expect(logsUntil(p, 60_000)[12]).toEqual({ t: 60_000, stream: 'stdout', text: 'hi' })
    expect(logsUntil(p, 86_400_000)).toHaveLength(17_281)
  })

  test('a long loop that changes state: the exit is found lazily', () => {
    const p = sh('busybox', 'i=0; while [ $i -lt 5000 ]; do i=$((i+1)); sleep 1; done; echo done')
    expect(p.exit).toBeUndefined()
    expect(p.runsForever).toBe('beyond-horizon')
    expect(exitBy(p, 4_999_000)).toBeUndefined()
    expect(exitBy(p, 6_000_000)).toEqual({ at: 5_000_000, code: 0, reason: 'Completed' })
    expect(logsUntil(p, 6_000_000).at(-1)).toEqual({ t: 5_000_000, stream: 'stdout', text: 'done' })
  })

  test('the start time shifts everything', () => {
    const p = run({ image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 5; done'], startedAt: 65_000 })
    expect(logsUntil(p, 60_000)).toEqual([])
    expect(logsUntil(p, 70_000).map((l) => `${l.t} ${l.text}`)).toEqual(['65000 Mon Jan  6 09:01:05 UTC 2025', '70000 Mon Jan  6 09:01:10 UTC 2025'])
  })

  test('sleep N, exit N, true, false: exit times and codes', () => {
    expect(run({ image: 'busybox', command: ['sleep', '3'] }).exit).toEqual({ at: 3000, code: 0, reason: 'Completed' })
    expect(run({ image: 'busybox', command: ['sleep', '1.5'], startedAt: 1000 }).exit).toEqual({ at: 2500, code: 0, reason: 'Completed' })
    expect(sh('busybox', 'sleep 2; exit 3').exit).toEqual({ at: 2000, code: 3, reason: 'Error' })
    expect(run({ image: 'busybox', command: ['true'] }).exit?.code).toBe(0)
    expect(run({ image: 'busybox', command: ['false'] }).exit?.code).toBe(1)
    expect(sh('debian', 'exit 300').exit?.code).toBe(44)
    expect(run({ image: 'busybox', command: ['sleep', 'infinity'] }).runsForever).toBe('blocked')
    expect(run({ image: 'busybox', command: ['tail', '-f', '/dev/null'] }).runsForever).toBe('blocked')
  })

  test('date, hostname, printenv, env', () => {
    const p = sh('busybox', 'sleep 5; date; date +%Y-%m-%dT%H:%M:%S; hostname; printenv GREETING; printenv NOPE || echo unset', { GREETING: 'hi' })
    expect(out(p)).toEqual(['Mon Jan  6 09:00:05 UTC 2025', '2025-01-06T09:00:05', 'demo', 'hi', 'unset'])
    const env = run({ image: 'busybox', command: ['env'], env: { A: '1' } })
    expect(out(env)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=demo', 'A=1', 'HOME=/root'])
  })

  test('cat of a missing file: busybox and coreutils texts, exit 1', () => {
    const bb = run({ image: 'busybox', command: ['cat', '/tmp/healthy'] })
    expect(out(bb)).toEqual(["cat: can't open '/tmp/healthy': No such file or directory"])
    expect(logsUntil(bb, 0)[0].stream).toBe('stderr')
    expect(bb.exit?.code).toBe(1)
    expect(out(run({ image: 'debian', command: ['cat', '/tmp/healthy'] }))).toEqual(['cat: /tmp/healthy: No such file or directory'])
    expect(out(run({ image: 'busybox', command: ['cat', '/etc/hostname'] }))).toEqual(['demo'])
  })

  test('touch, rm, > and >>: the file timeline', () => {
    const p = sh('busybox', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; echo one > /tmp/f; echo two >> /tmp/f; sleep 600')
    expect(filesAt(p, 10_000).files['/tmp/healthy']).toBe('')
    expect(filesAt(p, 31_000).files['/tmp/healthy']).toBeUndefined()
    expect(filesAt(p, 31_000).files['/tmp/f']).toBe('one\ntwo\n')
    expect(p.exit?.at).toBe(630_000)
    expect(out(sh('busybox', 'rm /tmp/nope; rm -f /tmp/nope; echo $?'))).toEqual(["rm: can't remove '/tmp/nope': No such file or directory", '0'])
    expect(out(sh('busybox', 'echo x > /nope/f'))).toEqual(["sh: can't create /nope/f: nonexistent directory"])
    expect(out(sh('debian', 'echo x > /nope/f'))).toEqual(['sh: 1: cannot create /nope/f: Directory nonexistent'])
  })

  test('pipes and redirections', () => {
    const p = sh('busybox', 'echo err >&2; echo both 2>&1; printf "a\\nb\\nc\\n" | grep -v b | wc -l; echo quiet >/dev/null')
    expect(logsUntil(p, 0).map((l) => `${l.stream} ${l.text}`)).toEqual(['stderr err', 'stdout both', 'stdout 2'])
  })

  test('a command the image does not have', () => {
    expect(out(sh('busybox', 'foo; echo $?'))).toEqual(['sh: foo: not found', '127'])
    expect(out(sh('debian', 'foo'))).toEqual(['sh: 1: foo: not found'])
    expect(out(run({ image: 'debian', command: ['bash', '-c', 'foo'] }))).toEqual(['bash: line 1: foo: command not found'])
    expect(out(sh('alpine', 'bash -c "echo hi"'))).toEqual(['sh: bash: not found'])
  })

  test('syntax errors: the shell prints them and exits 2', () => {
    const p = sh('busybox', 'while true; do echo hi')
    expect(out(p)).toEqual(['sh: syntax error: unexpected end of file (expecting "done")'])
    expect(p.exit?.code).toBe(2)
    expect(out(sh('debian', 'if true; then echo x; fi fi'))).toEqual(['sh: 1: Syntax error: "fi" unexpected'])
  })

  test('trap is recorded; errexit; exit traps', () => {
    expect(out(sh('busybox', 'trap "" TERM; trap "echo bye" EXIT; echo hi'))).toEqual(['hi', 'bye'])
    const e = sh('busybox', 'set -e; echo a; false; echo b')
    expect(out(e)).toEqual(['a'])
    expect(e.exit?.code).toBe(1)
  })

  test('anything it does not understand fails clearly', () => {
    const p = sh('busybox', 'echo start; ls /')
    expect(p.unsupported).toEqual({ at: 0, feature: 'the command "ls"' })
    expect(p.runsForever).toBe('unsupported')
    expect(out(p)).toEqual(['start', '[podium] the simulator cannot run the command "ls"; the container keeps running without further output'])
    expect(sh('busybox', 'sleep 10 &').unsupported?.feature).toBe('background jobs (&)')
    expect(sh('busybox', 'case x in x) echo;; esac').unsupported?.feature).toBe('case … esac')
    expect(run({ image: 'busybox', command: ['wget', 'http://web'] }).unsupported?.feature).toContain('network command "wget"')
  })

  test('a busy loop is cut and flagged', () => {
    const p = sh('busybox', 'while true; do echo spin; done')
    expect(p.runsForever).toBe('busy-loop')
    expect(p.exit).toBeUndefined()
    expect(out(p).at(-1)).toMatch(/^\[podium\] this loop never lets time pass/)
  })
})

describe('the runtime cannot start the process', () => {
  test('an executable that is not in the image: StartError, exit 128, runc text', () => {
    const p = run({ image: 'busybox', command: ['foo'] })
    expect(p.startError).toEqual({
      reason: 'StartError',
      exitCode: 128,
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown',
    })
    expect(p.exit).toEqual({ at: 0, code: 128, reason: 'Error' })
    expect(logsUntil(p, 1000)).toEqual([])
    expect(run({ image: 'busybox', command: ['/app/run'] }).startError?.message).toContain('exec: "/app/run": stat /app/run: no such file or directory: unknown')
    expect(run({ image: 'busybox', command: ['exit', '1'] }).startError?.message).toContain('exec: "exit": executable file not found in $PATH')
  })
})

describe('images run their programs', () => {
  test('nginx: entrypoint lines, nginx notices with its time format, port 80, never exits', () => {
    const p = run({ image: 'nginx:1.27', startedAt: 1000 })
    expect(p.exit).toBeUndefined()
    expect(p.runsForever).toBe('blocked')
    expect(p.listens).toEqual([80])
    const lines = logsUntil(p, 60_000)
    expect(lines[0].text).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(lines[0].stream).toBe('stdout')
    expect(lines.map((l) => l.text)).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up')
    expect(lines.map((l) => l.text)).toContain('2025/01/06 09:00:01 [notice] 1#1: nginx/1.27.5')
    expect(lines.at(-1)).toMatchObject({ stream: 'stderr', text: '2025/01/06 09:00:01 [notice] 1#1: start worker process 30' })
    expect(listensAt(p, 500)).toEqual([])
    expect(listensAt(p, 2000)).toEqual([80])
  })

  test('nginx without "daemon off;" daemonises: the container completes', () => {
    expect(run({ image: 'nginx', command: ['nginx'] }).exit).toEqual({ at: 10, code: 0, reason: 'Completed' })
  })

  test('nginx listens where its mounted config says', () => {
    const p = run({ image: 'nginx', mounts: [{ path: '/etc/nginx/conf.d', files: { 'default.conf': 'server {\n  listen 8080;\n}\n' } }] })
    expect(p.listens).toEqual([8080])
  })

  test('redis: startup lines, port 6379', () => {
    const p = run({ image: 'redis:7.4' })
    expect(p.listens).toEqual([6379])
    expect(out(p)).toContain('1:C 06 Jan 2025 09:00:00.002 * Redis version=7.4.4, bits=64, commit=00000000, modified=0, pid=1, just started')
    expect(out(p).at(-1)).toBe('1:M 06 Jan 2025 09:00:00.003 * Ready to accept connections tcp')
  })

  test('mysql without a password option exits 1 with the entrypoint error', () => {
    const p = run({ image: 'mysql:8.4' })
    expect(p.exit).toMatchObject({ code: 1, reason: 'Error' })
    expect(out(p).slice(-5)).toEqual([
      '2025-01-06 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ])
    const ok = run({ image: 'mysql:8.4', env: { MYSQL_ROOT_PASSWORD: 'secret' } })
    expect(ok.exit).toBeUndefined()
    expect(listensAt(ok, 5_000)).toEqual([])
    expect(listensAt(ok, 20_000)).toEqual([3306, 33060])
    expect(out(ok).at(-1)).toContain("/usr/sbin/mysqld: ready for connections. Version: '8.4.5'")
  })

  test('postgres needs POSTGRES_PASSWORD', () => {
    const p = run({ image: 'postgres' })
    expect(p.exit?.code).toBe(1)
    expect(out(p)[0]).toBe('Error: Database is uninitialized and superuser password is not specified.')
    expect(run({ image: 'postgres', env: { POSTGRES_PASSWORD: 'pw' } }).listens).toEqual([5432])
  })

  test('shells and REPLs without stdin end at once; with stdin they wait', () => {
    for (const image of ['busybox', 'alpine', 'ubuntu', 'debian', 'node', 'python']) {
      expect(run({ image }).exit, image).toEqual({ at: 0, code: 0, reason: 'Completed' })
    }
    expect(run({ image: 'busybox', stdin: true }).runsForever).toBe('blocked')
    const php = run({ image: 'php' })
    expect(php.argv).toEqual(['docker-php-entrypoint', 'php', '-a'])
    expect(php.exit?.code).toBe(0)
    expect(run({ image: 'php:8.3-fpm' }).listens).toEqual([9000])
  })

  test('curl with no arguments', () => {
    const p = run({ image: 'curlimages/curl' })
    expect(out(p)).toEqual(["curl: try 'curl --help' or 'curl --manual' for more information"])
    expect(p.exit).toEqual({ at: 0, code: 2, reason: 'Error' })
  })

  test('other servers', () => {
    expect(run({ image: 'httpd' }).listens).toEqual([80])
    expect(run({ image: 'memcached' }).listens).toEqual([11211])
    expect(run({ image: 'prom/node-exporter' }).listens).toEqual([9100])
    expect(run({ image: 'fluentd' }).listens).toEqual([24224])
    expect(run({ image: 'registry.k8s.io/pause:3.10' }).runsForever).toBe('blocked')
    expect(run({ image: 'python', command: ['python', '-m', 'http.server', '8000'] }).listens).toEqual([8000])
  })

  test('deterministic: the same inputs give the same program and logs', () => {
    const a = sh('busybox', 'for i in 1 2 3; do echo "$i $(date)"; sleep 1; done')
    const b = sh('busybox', 'for i in 1 2 3; do echo "$i $(date)"; sleep 1; done')
    expect(a).toEqual(b)
    expect(logsUntil(a, 10_000)).toEqual(logsUntil(b, 10_000))
    expect(structuredClone(a)).toEqual(a)
  })
})
