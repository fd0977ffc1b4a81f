/**
 * The kubelet's volume manager, reduced to the one thing Podium models: a pod whose
 * PersistentVolumeClaim is missing or not yet Bound does not start; the pod worker looks again
 * every VOLUME_RETRY_MS, and the pod stays Pending (ContainerCreating) until then.
 * In a real cluster the scheduler's VolumeBinding plugin keeps such a pod unscheduled (or
 * triggers provisioning for WaitForFirstConsumer classes); Podium's scheduler does not model
 * volumes, so the wait happens here. The kubelet does not wait for the disk to be attached
 * (controllers/attachdetach attaches it at once).
 * Upstream: pkg/kubelet/volumemanager/volume_manager.go WaitForAttachAndMount,
 * pkg/volume/util/util.go GetPersistentVolumeClaim... (a GET of each claim).
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { Client } from '../client/client'
import { R } from '../client/client'

/** How often a pod waiting for its claims looks again (virtual ms). */
export const VOLUME_RETRY_MS = 2_000

/** The claims a pod mounts that are not Bound yet (missing ones included), by claim name. */
export function unboundClaims(client: Client, pod: Pod, node: string, cause: number | undefined): string[] {
  const out: string[] = []
  for (const v of pod.spec?.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName
    if (!name) continue
    const r = client.get(R.persistentvolumeclaims, pod.metadata!.namespace, name, { cause, summary: `The kubelet on ${node} reads claim ${name}, which ${pod.metadata!.name} mounts` })
    if (r.status !== 200 || (r.body as PersistentVolumeClaim).status?.phase !== 'Bound') out.push(name)
  }
  return out
}
