/**
 * Image references and the simulated registry.
 *
 * `parseImageReference` normalises a reference as docker and containerd do (`nginx` →
 * `docker.io/library/nginx:latest`); `resolveImage` looks it up in the catalog (catalog.ts) and
 * returns either the image (size, ids, ENTRYPOINT/CMD, base OS) or the error text containerd puts
 * in the kubelet's `Failed to pull image` event.
 *
 * Upstream: github.com/distribution/reference (normalize.go, regexp.go), containerd's CRI image
 * pull (pkg/cri/server/image_pull.go), kubelet pkg/kubelet/images/image_manager.go.
 */
import { CATALOG, type CatalogEntry, type OsFamily } from './catalog'
import { hashInt, hex64 } from './hash'

export const DEFAULT_DOMAIN = 'docker.io'
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io'
const OFFICIAL_REPO_PREFIX = 'library/'

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** What the pod spec said: `nginx:1.27`. */
  original: string
  /** `docker.io`, `registry.k8s.io`, `localhost:5000` … */
  domain: string
  /** `library/nginx`. */
  path: string
  /** `domain/path`: `docker.io/library/nginx`. */
  repository: string
  tag?: string
  digest?: string
  /**
   * The reference containerd pulls and reports in `status.image`: the tag defaults to `latest`
   * (`docker.io/library/nginx:latest`); a digest wins over a tag (`docker.io/library/nginx@sha256:…`).
   */
  canonical: string
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string }

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN_RE = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`)
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/
const TAG_RE = /^[\w][\w.-]{0,127}$/
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/
const IDENTIFIER_RE = /^[a-f0-9]{64}$/

/** Upstream: reference.splitDockerDomain. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/')
  let domain: string
  let remainder: string
  const first = i === -1 ? '' : name.slice(0, i)
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN
    remainder = name
  } else {
    domain = first
    remainder = name.slice(i + 1)
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder
  return [domain, remainder]
}

/**
 * Parses and normalises an image reference, with the error texts of distribution/reference
 * (`invalid reference format`, `invalid reference format: repository name (library/NGINX) must be
 * lowercase`).
 *
 * parseImageReference('nginx') → { ok: true, ref: { canonical: 'docker.io/library/nginx:latest', … } }
 */
export function parseImageReference(image: string): ParseResult {
  if (IDENTIFIER_RE.test(image)) {
    return { ok: false, error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings` }
  }
  const [domain, remainder] = splitDockerDomain(image)
  const tagSep = remainder.indexOf(':')
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` }
  }
  const invalid = { ok: false as const, error: 'invalid reference format' }
  let rest = remainder
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at > -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST_RE.test(digest)) return invalid
    const [alg, hex] = digest.split(':')
    if (alg === 'sha256' && hex.length !== 64) return { ok: false, error: 'invalid checksum digest length' }
  }
  let tag: string | undefined
  const lastColon = rest.lastIndexOf(':')
  if (lastColon > -1) {
    tag = rest.slice(lastColon + 1)
    rest = rest.slice(0, lastColon)
    if (!TAG_RE.test(tag)) return invalid
  }
  if (!DOMAIN_RE.test(domain)) return invalid
  const components = rest.split('/')
  if (components.some((c) => !PATH_COMPONENT_RE.test(c))) return invalid
  const repository = `${domain}/${rest}`
  if (repository.length > 255) return { ok: false, error: 'repository name must not be more than 255 characters' }
  const canonical = digest ? `${repository}@${digest}` : `${repository}:${tag ?? 'latest'}`
  return { ok: true, ref: { original: image, domain, path: rest, repository, tag, digest, canonical } }
}

/**
 * The kubelet's message when an image name cannot be parsed; the container waits with reason
 * `InvalidImageName` and the event reason is `InspectFailed`.
 * Upstream: image_manager.go EnsureImageExists, pkg/util/parsers.ParseImageName.
 */
export function invalidImageNameMessage(image: string, parseError: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${parseError}`
}

/** An image the simulated registry has. */
export interface ResolvedImage {
  ref: ImageReference
  entry: CatalogEntry
  /** The tag asked for (`latest` when none was given; for a digest reference, `latest`). */
  tag: string
  /** The application version the tag points to: `1.27.5`. */
  version: string
  /** `''` or the variant suffix: `alpine`, `fpm`, `slim` … */
  variant: string
  os: OsFamily
  entrypoint: string[]
  cmd: string[]
  /** Image ENV in order, PATH first. */
  env: [string, string][]
  /** Executables the image adds to its base OS. */
  binaries: string[]
  ports: number[]
  /** The image's STOPSIGNAL (containerd sends it on StopContainer): `SIGTERM` unless set. */
  stopSignal: string
  /** Compressed size in bytes, the figure of the kubelet's "Image size" and `crictl images`. */
  sizeBytes: number
  /** The image config digest, `sha256:…` (crictl IMAGE ID). */
  imageId: string
  /** The repository digest, `docker.io/library/nginx@sha256:…` (pod `status.containerStatuses[].imageID`). */
  repoDigest: string
  /** What `status.containerStatuses[].image` shows: `docker.io/library/nginx:1.27`. */
  imageName: string
}

export type ResolveResult =
  | { found: true; image: ResolvedImage }
  | {
      found: false
      /** `InvalidImageName` when the reference does not parse, `ErrImagePull` when the registry has no such image. */
      reason: 'InvalidImageName' | 'ErrImagePull'
      /** For ErrImagePull: containerd's error, as in `Failed to pull image "x": <message>`. For InvalidImageName: the kubelet's message. */
      message: string
    }

function findEntry(repository: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.repository === repository || e.aliases?.includes(repository))
}

function cmpVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}

/** The newest version of `entry` that `prefix` (`1`, `1.27`, `1.27.3`) names, if any. */
function versionForPrefix(entry: CatalogEntry, prefix: string): string | undefined {
  if (entry.vPrefix) {
    if (!prefix.startsWith('v')) return undefined
    prefix = prefix.slice(1)
  }
  if (!/^\d+(\.\d+){0,3}$/.test(prefix)) return undefined
  const want = prefix.split('.')
  if (want.some((w) => w !== String(Number(w)))) return undefined
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => Number(x) === Number(b[i]))
  let best: string | undefined
  for (const [minor, maxPatch] of Object.entries(entry.versions)) {
    const minorParts = minor.split('.')
    const n = minorParts.length
    if (maxPatch >= 0 && same(want.slice(0, n), minorParts)) {
      // an exact patch: it must not be newer than the newest one
      if (want.length === n + 1) {
        if (Number(want[n]) <= maxPatch) return want.join('.')
        continue
      }
      // node-style versions have one level more than the catalog lists (22.14.0)
      if (entry.looseLastComponent && want.length === n + 2 && Number(want[n]) <= maxPatch) return want.join('.')
    }
    const full = maxPatch < 0 ? minorParts : [...minorParts, String(maxPatch)]
    if (want.length <= full.length && same(want, full.slice(0, want.length))) {
      const v = full.join('.') + (entry.looseLastComponent ? '.0' : '')
      if (!best || cmpVersion(v, best) > 0) best = v
    }
  }
  return best
}

/** Splits a tag into its version-or-name part and its variant suffix. */
function splitVariant(entry: CatalogEntry, tag: string): { base: string; variant: string } | undefined {
  const variants = Object.keys(entry.variants).sort((a, b) => b.length - a.length)
  for (const v of variants) {
    if (tag === v) return { base: 'latest', variant: v }
    if (tag.endsWith(`-${v}`)) return { base: tag.slice(0, -v.length - 1), variant: v }
  }
  return { base: tag, variant: '' }
}

/**
 * Whether the registry has `tag` for `entry`, and which version and variant it is.
 * The rule is documented at the top of catalog.ts.
 */
export function tagExists(entry: CatalogEntry, tag: string): { version: string; variant: string } | undefined {
  if (entry.extraTags?.includes(tag)) {
    const m = /^v?(\d+\.\d+(?:\.\d+)?)/.exec(tag)
    return { version: m ? m[1] : entry.named.latest, variant: tag.includes('debian') ? 'debian' : '' }
  }
  const split = splitVariant(entry, tag)
  if (!split) return undefined
  const { base, variant } = split
  if (entry.named[base] !== undefined) return { version: entry.named[base], variant }
  const version = versionForPrefix(entry, base)
  return version ? { version, variant } : undefined
}

/** Registries that answer "not found" for a repository they do not have (rather than asking for credentials). */
const KNOWN_REGISTRIES = ['registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'quay.io', 'ghcr.io', 'mcr.microsoft.com', 'public.ecr.aws', 'registry.gitlab.com']

/**
 * containerd's error for a reference the registry does not have.
 * Upstream: containerd pkg/cri/server/image_pull.go ("failed to pull and unpack image"),
 * remotes/docker/resolver.go ("failed to resolve reference", "not found").
 */
export function pullErrorMessage(ref: ImageReference, repositoryKnown: boolean): string {
  const c = ref.canonical
  const head = `failed to pull and unpack image "${c}": failed to resolve reference "${c}"`
  if (repositoryKnown) return `${head}: ${c}: not found`
  if (ref.domain === DEFAULT_DOMAIN) {
    return `${head}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
  }
  if (ref.domain === 'ghcr.io') {
    const scope = encodeURIComponent(`repository:${ref.path}:pull`)
    return `${head}: failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=${scope}&service=ghcr.io: 403 Forbidden`
  }
  if (KNOWN_REGISTRIES.includes(ref.domain)) return `${head}: ${c}: not found`
  // A registry host nobody runs: the name does not resolve.
  const host = ref.domain.replace(/:\d+$/, '')
  const what = ref.digest ? ref.digest : ref.tag ?? 'latest'
  return `${head}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${what}": dial tcp: lookup ${host}: no such host`
}

/**
 * Looks an image reference up in the simulated registry.
 *
 * resolveImage('nginx:1.27').found → true; resolveImage('nginxx').message → 'failed to pull and
 * unpack image "docker.io/library/nginxx:latest": … insufficient_scope: authorization failed'
 *
 * Any well-formed digest of a known repository resolves (the simulation cannot know real digests);
 * it is treated as the repository's `latest`.
 */
export function resolveImage(image: string): ResolveResult {
  const parsed = parseImageReference(image)
  if (!parsed.ok) return { found: false, reason: 'InvalidImageName', message: invalidImageNameMessage(image, parsed.error) }
  const ref = parsed.ref
  const entry = findEntry(ref.repository)
  if (!entry) return { found: false, reason: 'ErrImagePull', message: pullErrorMessage(ref, false) }
  const tag = ref.tag ?? 'latest'
  const hit = ref.digest ? { version: entry.named.latest, variant: '' } : tagExists(entry, tag)
  if (!hit) return { found: false, reason: 'ErrImagePull', message: pullErrorMessage(ref, true) }
  return { found: true, image: buildImage(ref, entry, tag, hit.version, hit.variant) }
}

function buildImage(ref: ImageReference, entry: CatalogEntry, tag: string, version: string, variant: string): ResolvedImage {
  const o = variant ? entry.variants[variant] ?? {} : {}
  const os: OsFamily = o.os ?? (variant === 'debian' ? 'debian' : entry.defaultOs)
  let size = o.sizeBytes ?? entry.sizeBytes
  // Older versions weigh a little more or less; the newest keeps the catalog figure exactly.
  if (version !== entry.named.latest) size = Math.round(size * (1 + (hashInt(`${entry.repository}:${version}`, 81) - 40) / 1000))
  const identity = `${entry.repository}|${version}|${variant}`
  const env = entry.env.map(([k, v]) => [k, v.replace('{version}', version)] as [string, string])
  return {
    ref,
    entry,
    tag,
    version,
    variant,
    os,
    entrypoint: o.entrypoint ?? entry.entrypoint,
    cmd: o.cmd ?? entry.cmd,
    env,
    binaries: [...entry.binaries, ...(o.binaries ?? [])],
    ports: o.ports ?? entry.ports,
    stopSignal: o.stopSignal ?? entry.stopSignal ?? 'SIGTERM',
    sizeBytes: size,
    imageId: `sha256:${hex64(`config|${identity}`)}`,
    repoDigest: `${ref.repository}@${ref.digest ?? `sha256:${hex64(`manifest|${identity}`)}`}`,
    imageName: ref.canonical,
  }
}
