import { describe, expect, test } from 'vitest'
import { parseImageReference, resolveImage, tagExists } from './images'
import { CATALOG } from './catalog'

const canonical = (image: string) => {
  const r = parseImageReference(image)
  return r.ok ? r.ref.canonical : r.error
}

describe('parseImageReference', () => {
  test('normalises like docker', () => {
    expect(canonical('nginx')).toBe('docker.io/library/nginx:latest')
    expect(canonical('nginx:1.27')).toBe('docker.io/library/nginx:1.27')
    expect(canonical('library/nginx')).toBe('docker.io/library/nginx:latest')
    expect(canonical('index.docker.io/library/nginx:1.27')).toBe('docker.io/library/nginx:1.27')
    expect(canonical('curlimages/curl')).toBe('docker.io/curlimages/curl:latest')
    expect(canonical('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10')
    expect(canonical('localhost:5000/app:v1')).toBe('localhost:5000/app:v1')
    const digest = `sha256:${'a'.repeat(64)}`
    expect(canonical(`nginx@${digest}`)).toBe(`docker.io/library/nginx@${digest}`)
    expect(canonical(`nginx:1.27@${digest}`)).toBe(`docker.io/library/nginx@${digest}`)
  })

  test('rejects what distribution/reference rejects, with its texts', () => {
    expect(canonical('NGINX')).toBe('invalid reference format: repository name (library/NGINX) must be lowercase')
    expect(canonical('nginx:')).toBe('invalid reference format')
    expect(canonical('nginx:1.27 ')).toBe('invalid reference format')
    expect(canonical('nginx@sha256:abc')).toBe('invalid reference format')
    expect(canonical('a'.repeat(64))).toBe(`invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`)
  })
})

describe('tags that exist', () => {
  const entry = (repo: string) => CATALOG.find((e) => e.repository === repo)!
  const nginx = entry('docker.io/library/nginx')

  test('versions, prefixes, names and variants', () => {
    for (const tag of ['latest', '1', '1.27', '1.27.0', '1.27.5', '1.14.2', 'stable', 'mainline', 'alpine', '1.27-alpine', 'stable-alpine', '1.27.3-alpine-slim', 'perl']) {
      expect(tagExists(nginx, tag), tag).toBeDefined()
    }
    for (const tag of ['1.27.6', '1.999', '2', 'newest', '1.27-ubuntu', '01.27', 'v1.27']) expect(tagExists(nginx, tag), tag).toBeUndefined()
  })

  test('the version a tag points to', () => {
    expect(tagExists(nginx, 'latest')!.version).toBe('1.29.0')
    expect(tagExists(nginx, '1.27')!.version).toBe('1.27.5')
    expect(tagExists(nginx, '1')!.version).toBe('1.29.0')
    expect(tagExists(nginx, '1.27-alpine')).toEqual({ version: '1.27.5', variant: 'alpine' })
    expect(tagExists(entry('docker.io/library/php'), '8.3-fpm-alpine')).toEqual({ version: '8.3.22', variant: 'fpm-alpine' })
    expect(tagExists(entry('docker.io/library/mysql'), '8.0')!.version).toBe('8.0.42')
    expect(tagExists(entry('docker.io/library/node'), '22.14.0')!.version).toBe('22.14.0')
    expect(tagExists(entry('docker.io/library/node'), '22')!.version).toBe('22.17.0')
    expect(tagExists(entry('docker.io/library/alpine'), '3.19')!.version).toBe('3.19.7')
    expect(tagExists(entry('docker.io/prom/node-exporter'), 'v1.9.1')!.version).toBe('1.9.1')
    expect(tagExists(entry('docker.io/prom/node-exporter'), '1.9.1')).toBeUndefined()
    expect(tagExists(entry('registry.k8s.io/pause'), '3.10')!.version).toBe('3.10')
  })
})

describe('resolveImage', () => {
  test('a known image: size, ids, entrypoint and OS', () => {
    const r = resolveImage('nginx')
    expect(r.found).toBe(true)
    if (!r.found) return
    expect(r.image.sizeBytes).toBe(72_223_946)
    expect(r.image.entrypoint).toEqual(['/docker-entrypoint.sh'])
    expect(r.image.cmd).toEqual(['nginx', '-g', 'daemon off;'])
    expect(r.image.os).toBe('debian')
    expect(r.image.stopSignal).toBe('SIGQUIT')
    expect(r.image.imageId).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(r.image.repoDigest).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(r.image.imageName).toBe('docker.io/library/nginx:latest')
  })

  test('ids are deterministic and shared by tags of the same image', () => {
    const id = (i: string) => {
      const r = resolveImage(i)
      return r.found ? r.image.imageId : ''
    }
    expect(id('nginx')).toBe(id('nginx:latest'))
    expect(id('nginx')).toBe(id('nginx:1.29'))
    expect(id('nginx:1.27')).toBe(id('nginx:1.27.5'))
    expect(id('nginx:1.27')).not.toBe(id('nginx:1.26'))
    expect(id('nginx:1.27')).not.toBe(id('nginx:1.27-alpine'))
  })

  test('variants change the base OS and the program', () => {
    const a = resolveImage('nginx:alpine')
    expect(a.found && a.image.os).toBe('alpine')
    const fpm = resolveImage('php:8.3-fpm')
    expect(fpm.found && fpm.image.cmd).toEqual(['php-fpm'])
    expect(fpm.found && fpm.image.ports).toEqual([9000])
    const pause = resolveImage('k8s.gcr.io/pause:3.2')
    expect(pause.found && pause.image.entry.app).toBe('pause')
  })

  test('an unknown repository: the registry denies access', () => {
    expect(resolveImage('nginxx')).toEqual({
      found: false,
      reason: 'ErrImagePull',
      message:
        'failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    })
  })

  test('a tag a known repository does not have: not found', () => {
    const r = resolveImage('nginx:1.999')
    expect(r.found).toBe(false)
    if (!r.found) {
      expect(r.message).toBe('failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found')
    }
  })

  test('other registries', () => {
    const k8s = resolveImage('registry.k8s.io/nope:1')
    expect(!k8s.found && k8s.message).toBe('failed to pull and unpack image "registry.k8s.io/nope:1": failed to resolve reference "registry.k8s.io/nope:1": registry.k8s.io/nope:1: not found')
    const host = resolveImage('myregistry.example.com/team/app:1.0')
    expect(!host.found && host.message).toContain('dial tcp: lookup myregistry.example.com: no such host')
  })

  test('an invalid name', () => {
    expect(resolveImage('NGINX')).toEqual({
      found: false,
      reason: 'InvalidImageName',
      message: 'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    })
  })
})
