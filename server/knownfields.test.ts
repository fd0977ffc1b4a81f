/**
 * The engine's strict field validation (src/engine/apiserver/validation/strict.ts) reads a
 * generated table of every served kind's fields: it must match its generator, and everything
 * the engine itself writes must pass it (or `kubectl create -f` of `get -o yaml` would fail).
 */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { createCluster } from '../src/engine'
import { resourceForKind } from '../src/engine/apiserver/resources'
import { unknownFields } from '../src/engine/apiserver/validation/strict'
import { KNOWN_FIELDS_PATH, knownFieldsModule } from '../scripts/knownfields'
import { CORPUS } from './diff/corpus'

it('the generated field table is up to date (npx tsx scripts/knownfields.ts)', () => {
  expect(readFileSync(KNOWN_FIELDS_PATH, 'utf8')).toBe(knownFieldsModule())
}, 30_000)

it('every object the engine stores has only known fields', () => {
  const c = createCluster({ seed: 1 })
  for (const k of CORPUS.filter((x) => x.cmd.startsWith('apply') && !x.cmd.includes('dry-run'))) c.kubectl(k.cmd, k.stdin)
  c.kubectl('run tmp --image=busybox:1.36 --restart=Never -- sleep 60')
  c.kubectl('expose deployment web --port=8080 --name=web-np --type=NodePort')
  c.settle()
  const unknown: string[] = []
  for (const kv of c.keyspace()) {
    const o = kv.value as { apiVersion?: string; kind?: string }
    const t = resourceForKind(o.apiVersion ?? '', o.kind ?? '')
    if (t) for (const f of unknownFields(t, o)) unknown.push(`${kv.key}: ${f}`)
  }
  expect(unknown).toEqual([])
})
