/**
 * Row printer of discovery.k8s.io: `kubectl get endpointslices`.
 * Upstream: pkg/printers/internalversion/printers.go (printEndpointSlice, formatDiscoveryPorts,
 * formatDiscoveryEndpoints, listWithMoreString).
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { translateTimestampSince } from '../duration'
import type { Cell } from '../table'
import { column, NAME_COLUMN, rowPrinter } from './common'

/** Up to three items, then `+ N more...`; `<unset>` when empty. */
function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',')
  if (more) return `${ret} + ${count - max} more...`
  return ret === '' ? '<unset>' : ret
}

/** The PORTS column: port numbers (or names), three at most. */
export function formatDiscoveryPorts(ports: EndpointSlice['ports']): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const p of ports ?? []) {
    if (list.length < 3) list.push(p.port !== undefined && p.port !== null ? String(p.port) : p.name != null ? p.name : '*')
    else if (list.length === 3) more = true
    count++
  }
  return listWithMoreString(list, more, count, 3)
}

/** The ENDPOINTS column: addresses, three at most. */
export function formatDiscoveryEndpoints(endpoints: EndpointSlice['endpoints']): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const e of endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (list.length < 3) list.push(a)
      else if (list.length === 3) more = true
      count++
    }
  }
  return listWithMoreString(list, more, count, 3)
}

/** `kubectl get endpointslices`: NAME, ADDRESSTYPE, PORTS, ENDPOINTS, AGE. */
export const endpointSlicePrinter = rowPrinter<EndpointSlice>(
  [NAME_COLUMN, column('AddressType'), column('Ports'), column('Endpoints'), column('Age')],
  (s, now): Cell[] => [s.metadata?.name ?? '', s.addressType ?? '', formatDiscoveryPorts(s.ports), formatDiscoveryEndpoints(s.endpoints), translateTimestampSince(s.metadata?.creationTimestamp, now)],
)
