/**
 * The images the simulated registry knows: their repositories, the tags that exist, compressed
 * sizes, default ENTRYPOINT/CMD and environment, and which program model runs them.
 *
 * Snapshot: Docker Hub and registry.k8s.io as of mid-2025, linux/amd64. Sizes are the compressed
 * sizes the registries report (rounded to what Docker Hub shows; the kubelet's "Image size" is the
 * same figure). They are approximations, stable on purpose so that lessons print the same numbers.
 *
 * Which tags exist (see `tagExists` in images.ts):
 * - every name in `named` (`latest`, `stable`, `mainline`, `lts`, codenames …);
 * - a version, or a version prefix cut at a dot, of any version the repository has: with
 *   `versions: { '1.27': 5 }`, the tags `1`, `1.27`, `1.27.0` … `1.27.5` exist and `1.27.6` does not;
 * - any of those followed by `-<variant>` for a variant in `variants` (`1.27-alpine`,
 *   `stable-alpine`, `8.3-fpm-alpine`), and a variant alone (`alpine`, `fpm`, `slim`);
 * - the exact strings in `extraTags`.
 * Everything else is a tag the registry answers "not found" for.
 */

/** The base distribution, which decides the shell (`sh` is dash, busybox ash or bash) and the tools. */
export type OsFamily = 'debian' | 'ubuntu' | 'alpine' | 'busybox' | 'oraclelinux' | 'scratch'

/** The program model that runs the image's own processes (servers.ts). */
export type AppKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'mysql'
  | 'postgres'
  | 'php'
  | 'node'
  | 'python'
  | 'os'
  | 'curl'
  | 'pause'
  | 'memcached'
  | 'fluentd'
  | 'node-exporter'

export interface VariantOverride {
  os?: OsFamily
  entrypoint?: string[]
  cmd?: string[]
  binaries?: string[]
  ports?: number[]
  stopSignal?: string
  sizeBytes?: number
}

export interface CatalogEntry {
  /** Normalised repository: `docker.io/library/nginx`. */
  repository: string
  /** Other repositories that are the same image (`k8s.gcr.io/pause` for `registry.k8s.io/pause`). */
  aliases?: string[]
  app: AppKind
  defaultOs: OsFamily
  /** minor version → newest patch that exists (`'1.27': 5`); `-1` when the minor has no patch level. */
  versions: Record<string, number>
  /** Tags are `v1.9.1` rather than `1.9.1`. */
  vPrefix?: boolean
  /** Versions have one level more than `versions` lists (`'22': 17` covers `22.17.0`, `22.14.3`). */
  looseLastComponent?: boolean
  /** Named tags and the version they point to. */
  named: Record<string, string>
  /** Variant suffixes and what they change. */
  variants: Record<string, VariantOverride>
  extraTags?: string[]
  sizeBytes: number
  entrypoint: string[]
  cmd: string[]
  /** Image ENV in Dockerfile order, PATH first; `{version}` is replaced by the resolved version. */
  env: [string, string][]
  /** Executables the image adds to its base distribution, by name. */
  binaries: string[]
  /** EXPOSE, informational. */
  ports: number[]
  /** The image's STOPSIGNAL; containerd sends it instead of SIGTERM. */
  stopSignal?: string
}

const PATH_STD = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

const ALPINE = { os: 'alpine' as OsFamily }

function range(minors: [string, number][]): Record<string, number> {
  return Object.fromEntries(minors)
}

export const CATALOG: CatalogEntry[] = [
  {
    repository: 'docker.io/library/nginx',
    app: 'nginx',
    defaultOs: 'debian',
    versions: range([
      ['1.9', 15], ['1.10', 3], ['1.11', 13], ['1.12', 2], ['1.13', 12], ['1.14', 2], ['1.15', 12],
      ['1.16', 1], ['1.17', 10], ['1.18', 0], ['1.19', 10], ['1.20', 2], ['1.21', 6], ['1.22', 1],
      ['1.23', 4], ['1.24', 0], ['1.25', 5], ['1.26', 3], ['1.27', 5], ['1.28', 0], ['1.29', 0],
    ]),
    named: { latest: '1.29.0', mainline: '1.29.0', stable: '1.28.0' },
    variants: {
      alpine: { ...ALPINE, sizeBytes: 20_921_355 },
      'alpine-slim': { ...ALPINE, sizeBytes: 5_321_904 },
      'alpine-perl': { ...ALPINE, sizeBytes: 30_154_208 },
      'alpine-otel': { ...ALPINE, sizeBytes: 37_604_332 },
      perl: { sizeBytes: 80_512_617 },
      otel: { sizeBytes: 89_870_301 },
      bookworm: {},
      'bookworm-perl': { sizeBytes: 80_512_617 },
      'alpine3.21': { ...ALPINE, sizeBytes: 20_590_761 },
      'alpine3.22': { ...ALPINE, sizeBytes: 20_921_355 },
    },
    sizeBytes: 72_223_946,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: [['PATH', PATH_STD], ['NGINX_VERSION', '{version}'], ['NJS_VERSION', '0.9.0'], ['PKG_RELEASE', '1~bookworm']],
    binaries: ['nginx', 'nginx-debug', 'curl', 'envsubst', 'docker-entrypoint.sh'],
    ports: [80],
    stopSignal: 'SIGQUIT',
  },
  {
    repository: 'docker.io/library/httpd',
    app: 'httpd',
    defaultOs: 'debian',
    versions: range([['2.2', 34], ['2.4', 63]]),
    named: { latest: '2.4.63' },
    variants: { alpine: { ...ALPINE, sizeBytes: 21_407_312 }, bookworm: {}, 'alpine3.22': { ...ALPINE, sizeBytes: 21_407_312 } },
    sizeBytes: 58_710_115,
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: [['PATH', `/usr/local/apache2/bin:${PATH_STD}`], ['HTTPD_VERSION', '{version}']],
    binaries: ['httpd', 'httpd-foreground', 'apachectl'],
    ports: [80],
    stopSignal: 'SIGWINCH',
  },
  {
    repository: 'docker.io/library/redis',
    app: 'redis',
    defaultOs: 'debian',
    versions: range([['5.0', 14], ['6.0', 20], ['6.2', 18], ['7.0', 15], ['7.2', 9], ['7.4', 4], ['8.0', 2]]),
    named: { latest: '8.0.2' },
    variants: { alpine: { ...ALPINE, sizeBytes: 17_183_214 }, bookworm: {}, 'alpine3.21': { ...ALPINE, sizeBytes: 17_183_214 } },
    sizeBytes: 49_702_334,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    env: [['PATH', PATH_STD], ['REDIS_VERSION', '{version}']],
    binaries: ['redis-server', 'redis-cli', 'redis-benchmark', 'redis-sentinel', 'gosu', 'docker-entrypoint.sh'],
    ports: [6379],
  },
  {
    repository: 'docker.io/library/mysql',
    app: 'mysql',
    defaultOs: 'oraclelinux',
    versions: range([['5.7', 44], ['8.0', 42], ['8.4', 5], ['9.0', 1], ['9.1', 0], ['9.2', 0], ['9.3', 0]]),
    named: { latest: '9.3.0', innovation: '9.3.0', lts: '8.4.5' },
    variants: { oracle: {}, oraclelinux9: {}, debian: { os: 'debian' } },
    sizeBytes: 235_417_690,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: [['PATH', PATH_STD], ['GOSU_VERSION', '1.17'], ['MYSQL_MAJOR', 'innovation'], ['MYSQL_VERSION', '{version}-1.el9'], ['MYSQL_SHELL_VERSION', '{version}-1.el9']],
    binaries: ['mysqld', 'mysql', 'mysqladmin', 'mysqldump', 'gosu', 'docker-entrypoint.sh'],
    ports: [3306, 33060],
  },
  {
    repository: 'docker.io/library/postgres',
    app: 'postgres',
    defaultOs: 'debian',
    versions: range([['12', 22], ['13', 21], ['14', 18], ['15', 13], ['16', 9], ['17', 5]]),
    named: { latest: '17.5' },
    variants: {
      alpine: { ...ALPINE, sizeBytes: 108_112_409 },
      bookworm: {},
      bullseye: {},
      'alpine3.21': { ...ALPINE, sizeBytes: 108_112_409 },
      'alpine3.22': { ...ALPINE, sizeBytes: 108_112_409 },
    },
    sizeBytes: 158_640_012,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    env: [['PATH', `/usr/lib/postgresql/17/bin:${PATH_STD}`], ['PG_MAJOR', '17'], ['PG_VERSION', '{version}-1.pgdg120+1'], ['PGDATA', '/var/lib/postgresql/data']],
    binaries: ['postgres', 'psql', 'pg_ctl', 'initdb', 'pg_dump', 'gosu', 'docker-entrypoint.sh'],
    ports: [5432],
    stopSignal: 'SIGINT',
  },
  {
    repository: 'docker.io/library/php',
    app: 'php',
    defaultOs: 'debian',
    versions: range([['7.4', 33], ['8.0', 30], ['8.1', 32], ['8.2', 28], ['8.3', 22], ['8.4', 8]]),
    named: { latest: '8.4.8' },
    variants: {
      cli: {},
      'cli-alpine': { ...ALPINE, sizeBytes: 36_108_560 },
      alpine: { ...ALPINE, sizeBytes: 36_108_560 },
      fpm: { entrypoint: ['docker-php-entrypoint'], cmd: ['php-fpm'], binaries: ['php-fpm'], ports: [9000], stopSignal: 'SIGQUIT', sizeBytes: 189_990_211 },
      'fpm-alpine': { ...ALPINE, cmd: ['php-fpm'], binaries: ['php-fpm'], ports: [9000], stopSignal: 'SIGQUIT', sizeBytes: 38_512_660 },
      'fpm-bookworm': { cmd: ['php-fpm'], binaries: ['php-fpm'], ports: [9000], stopSignal: 'SIGQUIT', sizeBytes: 189_990_211 },
      apache: { cmd: ['apache2-foreground'], binaries: ['apache2-foreground', 'apache2', 'apachectl'], ports: [80], stopSignal: 'SIGWINCH', sizeBytes: 188_804_117 },
      'apache-bookworm': { cmd: ['apache2-foreground'], binaries: ['apache2-foreground', 'apache2', 'apachectl'], ports: [80], stopSignal: 'SIGWINCH', sizeBytes: 188_804_117 },
      zts: {},
    },
    sizeBytes: 186_340_518,
    entrypoint: ['docker-php-entrypoint'],
    cmd: ['php', '-a'],
    env: [['PATH', PATH_STD], ['PHPIZE_DEPS', 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c'], ['PHP_INI_DIR', '/usr/local/etc/php'], ['PHP_VERSION', '{version}']],
    binaries: ['php', 'pecl', 'docker-php-entrypoint', 'docker-php-ext-install'],
    ports: [],
  },
  {
    repository: 'docker.io/library/node',
    app: 'node',
    defaultOs: 'debian',
    versions: range([['14', 21], ['16', 20], ['18', 20], ['20', 19], ['22', 17], ['23', 11], ['24', 3]]),
    looseLastComponent: true,
    named: { latest: '24.3.0', current: '24.3.0', lts: '22.17.0', jod: '22.17.0', iron: '20.19.3', hydrogen: '18.20.8' },
    variants: {
      alpine: { ...ALPINE, sizeBytes: 57_284_011 },
      slim: { sizeBytes: 79_806_420 },
      bookworm: {},
      'bookworm-slim': { sizeBytes: 79_806_420 },
      bullseye: {},
      'alpine3.21': { ...ALPINE, sizeBytes: 57_284_011 },
      'alpine3.22': { ...ALPINE, sizeBytes: 57_284_011 },
    },
    sizeBytes: 409_581_127,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    env: [['PATH', PATH_STD], ['NODE_VERSION', '{version}'], ['YARN_VERSION', '1.22.22']],
    binaries: ['node', 'npm', 'npx', 'yarn', 'corepack', 'docker-entrypoint.sh'],
    ports: [],
  },
  {
    repository: 'docker.io/library/python',
    app: 'python',
    defaultOs: 'debian',
    versions: range([['3.8', 20], ['3.9', 23], ['3.10', 18], ['3.11', 13], ['3.12', 11], ['3.13', 5]]),
    named: { latest: '3.13.5' },
    variants: {
      slim: { sizeBytes: 43_285_337 },
      alpine: { ...ALPINE, sizeBytes: 17_902_228 },
      bookworm: {},
      'slim-bookworm': { sizeBytes: 43_285_337 },
      bullseye: {},
      'slim-bullseye': { sizeBytes: 45_120_044 },
      'alpine3.21': { ...ALPINE, sizeBytes: 17_902_228 },
      'alpine3.22': { ...ALPINE, sizeBytes: 17_902_228 },
    },
    sizeBytes: 398_720_512,
    entrypoint: [],
    cmd: ['python3'],
    env: [['PATH', PATH_STD], ['LANG', 'C.UTF-8'], ['GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'], ['PYTHON_VERSION', '{version}']],
    binaries: ['python', 'python3', 'pip', 'pip3'],
    ports: [],
  },
  {
    repository: 'docker.io/library/busybox',
    app: 'os',
    defaultOs: 'busybox',
    versions: range([['1.31', 1], ['1.32', 1], ['1.33', 1], ['1.34', 1], ['1.35', 0], ['1.36', 1], ['1.37', 0]]),
    named: { latest: '1.37.0', stable: '1.36.1' },
    variants: { musl: {}, glibc: { sizeBytes: 2_155_214 }, uclibc: { sizeBytes: 2_145_133 } },
    sizeBytes: 2_222_260,
    entrypoint: [],
    cmd: ['sh'],
    env: [['PATH', PATH_STD]],
    binaries: [],
    ports: [],
  },
  {
    repository: 'docker.io/library/alpine',
    app: 'os',
    defaultOs: 'alpine',
    versions: range([['3.15', 11], ['3.16', 9], ['3.17', 10], ['3.18', 12], ['3.19', 7], ['3.20', 6], ['3.21', 3], ['3.22', 0]]),
    named: { latest: '3.22.0', edge: '3.23.0' },
    variants: {},
    sizeBytes: 3_653_068,
    entrypoint: [],
    cmd: ['/bin/sh'],
    env: [['PATH', PATH_STD]],
    binaries: [],
    ports: [],
  },
  {
    repository: 'docker.io/library/ubuntu',
    app: 'os',
    defaultOs: 'ubuntu',
    versions: range([['18.04', -1], ['20.04', -1], ['22.04', -1], ['24.04', -1], ['24.10', -1], ['25.04', -1]]),
    named: { latest: '24.04', rolling: '25.04', devel: '25.10', noble: '24.04', jammy: '22.04', focal: '20.04', bionic: '18.04', oracular: '24.10', plucky: '25.04' },
    variants: {},
    sizeBytes: 29_754_290,
    entrypoint: [],
    cmd: ['/bin/bash'],
    env: [['PATH', PATH_STD]],
    binaries: [],
    ports: [],
  },
  {
    repository: 'docker.io/library/debian',
    app: 'os',
    defaultOs: 'debian',
    versions: range([['10', 13], ['11', 11], ['12', 11]]),
    named: { latest: '12.11', stable: '12.11', oldstable: '11.11', bookworm: '12.11', bullseye: '11.11', buster: '10.13', trixie: '13', testing: '13', sid: '13', unstable: '13' },
    variants: { slim: { sizeBytes: 28_227_259 }, backports: {} },
    sizeBytes: 48_494_278,
    entrypoint: [],
    cmd: ['bash'],
    env: [['PATH', PATH_STD]],
    binaries: [],
    ports: [],
  },
  {
    repository: 'docker.io/curlimages/curl',
    app: 'curl',
    defaultOs: 'alpine',
    versions: range([['7.88', 1], ['8.5', 0], ['8.8', 0], ['8.10', 1], ['8.11', 1], ['8.12', 1], ['8.13', 0], ['8.14', 1]]),
    named: { latest: '8.14.1' },
    variants: {},
    sizeBytes: 9_802_157,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    env: [['PATH', PATH_STD], ['CURL_CA_BUNDLE', '/cacert.pem'], ['CURL_VERSION', '{version}']],
    binaries: ['curl', 'entrypoint.sh'],
    ports: [],
  },
  {
    repository: 'registry.k8s.io/pause',
    aliases: ['k8s.gcr.io/pause', 'gcr.io/google_containers/pause'],
    app: 'pause',
    defaultOs: 'scratch',
    versions: range([['3.1', -1], ['3.2', -1], ['3.3', -1], ['3.4', 1], ['3.5', -1], ['3.6', -1], ['3.7', -1], ['3.8', -1], ['3.9', -1], ['3.10', -1]]),
    named: { latest: '3.10' },
    variants: {},
    sizeBytes: 320_368,
    entrypoint: ['/pause'],
    cmd: [],
    env: [['PATH', PATH_STD]],
    binaries: ['pause'],
    ports: [],
  },
  {
    repository: 'docker.io/library/memcached',
    app: 'memcached',
    defaultOs: 'debian',
    versions: range([['1.5', 22], ['1.6', 38]]),
    named: { latest: '1.6.38' },
    variants: { alpine: { ...ALPINE, sizeBytes: 5_118_201 }, bookworm: {} },
    sizeBytes: 32_940_876,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['memcached'],
    env: [['PATH', PATH_STD], ['MEMCACHED_VERSION', '{version}']],
    binaries: ['memcached', 'docker-entrypoint.sh'],
    ports: [11211],
  },
  {
    repository: 'docker.io/library/fluentd',
    aliases: ['docker.io/fluent/fluentd'],
    app: 'fluentd',
    defaultOs: 'alpine',
    versions: {},
    named: { latest: '1.18.0', edge: '1.18.0' },
    variants: {},
    extraTags: ['v1.18-1', 'v1.18-debian-1', 'v1.18.0-1.0', 'v1.18.0-debian-1.0', 'v1.17-1', 'v1.17-debian-1', 'v1.16-1', 'v1.16-debian-1', 'edge-debian'],
    sizeBytes: 41_387_925,
    entrypoint: ['tini', '--', '/bin/entrypoint.sh'],
    cmd: ['fluentd'],
    env: [['PATH', PATH_STD], ['FLUENTD_CONF', 'fluent.conf'], ['LD_PRELOAD', ''], ['RUBYLIB', '/usr/lib/ruby/gems/3.2.0/gems/resolv-0.2.1/lib']],
    binaries: ['fluentd', 'fluent-gem', 'tini', 'entrypoint.sh'],
    ports: [24224, 5140],
  },
  {
    repository: 'docker.io/prom/node-exporter',
    aliases: ['quay.io/prometheus/node-exporter'],
    app: 'node-exporter',
    defaultOs: 'busybox',
    versions: range([['1.3', 1], ['1.4', 0], ['1.5', 0], ['1.6', 1], ['1.7', 0], ['1.8', 2], ['1.9', 1]]),
    vPrefix: true,
    named: { latest: '1.9.1', master: '1.9.1' },
    variants: {},
    sizeBytes: 11_660_340,
    entrypoint: ['/bin/node_exporter'],
    cmd: [],
    env: [['PATH', PATH_STD]],
    binaries: ['node_exporter'],
    ports: [9100],
  },
]
