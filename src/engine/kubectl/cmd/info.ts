/** `kubectl version` and `kubectl api-resources`. */
import { RESOURCES } from '../../apiserver/resources'
import type { Ctx } from '../context'
import { tabwrite, TABLE_TABWRITER } from '../printers/tabwriter'

export const KUBE_VERSION = 'v1.33.1'

export function cmdVersion(c: Ctx): void {
  c.print(`Client Version: ${KUBE_VERSION}`)
  c.print('Kustomize Version: v5.6.0')
  if (c.flags.client !== true) c.print(`Server Version: ${KUBE_VERSION}`)
}

export function cmdApiResources(c: Ctx): void {
  const rows = [...RESOURCES]
    .filter((t) => c.flags.namespaced === undefined || String(t.namespaced) === c.flags.namespaced)
    .sort((a, b) => (a.group === b.group ? (a.resource < b.resource ? -1 : 1) : a.group < b.group ? -1 : 1))
    .map((t) => [t.resource, t.shortNames.join(','), t.group ? `${t.group}/${t.version}` : t.version, String(t.namespaced), t.kind].join('\t'))
  const head = c.flags['no-headers'] === true ? [] : ['NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND']
  c.printRaw(tabwrite([...head, ...rows].map((l) => l + '\n').join(''), TABLE_TABWRITER))
}
