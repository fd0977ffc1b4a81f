/**
 * A minimal container filesystem: the few files of the image that students look at
 * (`/etc/hostname`, `/etc/hosts`, `/etc/os-release`, nginx's `index.html`), the directories that
 * exist, and whatever the container's commands create (`touch`, `echo > file`) or remove (`rm`).
 *
 * It is not a full image tree: a path that is neither a known file nor a known directory does not
 * exist. That is what makes `cat /tmp/healthy` fail until `touch /tmp/healthy` ran.
 */
import type { OsFamily } from './catalog'

export interface FsSnapshot {
  files: Record<string, string>
  dirs: string[]
}

/** Mutable filesystem state of one container (or one exec's view of it). */
export class Fs {
  files = new Map<string, string>()
  dirs = new Set<string>()
  /** Called on every change, so a tracer can keep the timeline (content null: removed). */
  onChange?: (path: string, kind: 'file' | 'dir', content: string | null) => void
  /** Counts changes: equal versions mean nothing was written in between (cheaper than comparing contents). */
  version = 0

  constructor(init?: FsSnapshot) {
    if (init) {
      for (const [p, c] of Object.entries(init.files)) this.files.set(p, c)
      for (const d of init.dirs) this.dirs.add(d)
    }
  }

  clone(): Fs {
    return new Fs(this.snapshot())
  }

  snapshot(): FsSnapshot {
    return { files: Object.fromEntries(this.files), dirs: [...this.dirs] }
  }

  isFile(path: string): boolean {
    return this.files.has(path) || path === '/dev/null'
  }
  isDir(path: string): boolean {
    return this.dirs.has(path)
  }
  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path)
  }
  read(path: string): string | undefined {
    if (path === '/dev/null') return ''
    return this.files.get(path)
  }
  /** Writes or appends; false when the parent directory does not exist. */
  write(path: string, text: string, append: boolean): boolean {
    if (path === '/dev/null') return true
    if (!this.dirs.has(parentOf(path)) || this.dirs.has(path)) return false
    const content = append ? (this.files.get(path) ?? '') + text : text
    this.files.set(path, content)
    this.version++
    this.onChange?.(path, 'file', content)
    return true
  }
  remove(path: string): boolean {
    const had = this.files.delete(path)
    if (had) {
      this.version++
      this.onChange?.(path, 'file', null)
    }
    return had
  }
  removeDir(path: string): boolean {
    if (!this.dirs.has(path) || path === '/') return false
    for (const f of [...this.files.keys()]) if (f.startsWith(`${path}/`)) this.remove(f)
    for (const d of [...this.dirs]) {
      if (d === path || d.startsWith(`${path}/`)) {
        this.dirs.delete(d)
        this.version++
        this.onChange?.(d, 'dir', null)
      }
    }
    return true
  }
  mkdir(path: string): boolean {
    if (!this.dirs.has(parentOf(path)) || this.files.has(path)) return false
    if (!this.dirs.has(path)) {
      this.dirs.add(path)
      this.version++
      this.onChange?.(path, 'dir', '')
    }
    return true
  }
  /** Names directly inside a directory. */
  list(dir: string): string[] {
    const prefix = dir === '/' ? '/' : `${dir}/`
    const names = new Set<string>()
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== dir && p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0])
    }
    return [...names].sort()
  }
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

/** Resolves `path` against `cwd`, folding `.` and `..`: resolvePath('/tmp', '../etc/hosts') → '/etc/hosts'. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')
  const out: string[] = []
  for (const p of parts) {
    if (p === '' || p === '.') continue
    if (p === '..') out.pop()
    else out.push(p)
  }
  return `/${out.join('/')}`
}

const BASE_DIRS = [
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run',
  '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin',
  '/usr/local/sbin', '/usr/sbin', '/usr/share', '/var', '/var/cache', '/var/lib', '/var/log', '/var/run',
  '/var/tmp', '/etc/ssl',
]

const OS_RELEASE: Partial<Record<OsFamily, string>> = {
  debian: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
  ubuntu: `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`,
  alpine: `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.22.0
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`,
  oraclelinux: `NAME="Oracle Linux Server"
VERSION="9.5"
ID="ol"
ID_LIKE="fedora"
VARIANT="Server"
VARIANT_ID="server"
VERSION_ID="9.5"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Oracle Linux Server 9.5"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:oracle:linux:9:5:server"
HOME_URL="https://linux.oracle.com/"
BUG_REPORT_URL="https://github.com/oracle/oracle-linux"
`,
}

/** The default page of the nginx image (615 bytes, as in the access log's `200 615`). */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

/** Files a volume or the kubelet puts into the container before it starts. */
export interface MountSpec {
  /** Mount point, e.g. `/etc/config` or `/data`. */
  path: string
  /** File name (relative to the mount point) → content, e.g. a ConfigMap's keys. */
  files?: Record<string, string>
}

/**
 * The filesystem a container starts with: base directories, the kubelet-managed `/etc/hosts` and
 * `/etc/hostname`, the OS's `/etc/os-release`, the app's own paths, and the pod's mounts.
 */
export function initialFs(opts: { os: OsFamily; app: string; hostname: string; podIP: string; mounts?: MountSpec[] }): Fs {
  const fs = new Fs()
  if (opts.os !== 'scratch') for (const d of BASE_DIRS) fs.dirs.add(d)
  else fs.dirs.add('/').add('/dev').add('/proc').add('/sys').add('/etc')
  fs.files.set('/etc/hostname', `${opts.hostname}\n`)
  fs.files.set(
    '/etc/hosts',
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
      'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
      `${opts.podIP}\t${opts.hostname}\n`,
  )
  const release = OS_RELEASE[opts.os]
  if (release) fs.files.set(opts.os === 'alpine' || opts.os === 'oraclelinux' ? '/etc/os-release' : '/usr/lib/os-release', release)
  if (release && opts.os !== 'alpine' && opts.os !== 'oraclelinux') fs.files.set('/etc/os-release', release)
  if (opts.app === 'nginx') {
    for (const d of ['/etc/nginx', '/etc/nginx/conf.d', '/usr/share/nginx', '/usr/share/nginx/html', '/var/cache/nginx', '/var/log/nginx', '/docker-entrypoint.d']) fs.dirs.add(d)
    fs.files.set('/usr/share/nginx/html/index.html', NGINX_INDEX_HTML)
    fs.files.set('/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n')
  }
  if (opts.app === 'httpd') {
    for (const d of ['/usr/local/apache2', '/usr/local/apache2/htdocs', '/usr/local/apache2/conf', '/usr/local/apache2/logs']) fs.dirs.add(d)
    fs.files.set('/usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n')
  }
  if (opts.app === 'redis' || opts.app === 'memcached') fs.dirs.add('/data')
  if (opts.app === 'mysql') fs.dirs.add('/var/lib/mysql')
  if (opts.app === 'postgres') fs.dirs.add('/var/lib/postgresql').add('/var/lib/postgresql/data')
  for (const m of opts.mounts ?? []) {
    let d = m.path
    const chain: string[] = []
    while (d !== '/' && !fs.dirs.has(d)) {
      chain.unshift(d)
      d = parentOf(d)
    }
    for (const c of chain) fs.dirs.add(c)
    for (const [name, content] of Object.entries(m.files ?? {})) fs.files.set(resolvePath(m.path, name), content)
  }
  return fs
}
