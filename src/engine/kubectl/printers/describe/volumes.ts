/**
 * The `Volumes:` section of describe for the volume sources a Podium cluster serves.
 *
 * Upstream: k8s.io/kubectl/pkg/describe/describe.go (describeVolumes and print*VolumeSource).
 * Cloud and network volume types not simulated print `<unknown>`, as describe does for types it
 * does not know.
 */
import type { Volume } from 'kubernetes-types/core/v1'
import { canonicalQuantity, parseQuantity } from '../quantity'
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type Writer } from './writer'

function describeVolume(v: Volume, w: Writer): void {
  if (v.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`)
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit
    const sizeLimit = limit !== undefined && parseQuantity(limit).nanos > 0n ? canonicalQuantity(limit) : '<unset>'
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`)
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`)
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`)
  } else if (v.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`)
  } else if (v.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    )
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n')
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`)
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`)
    }
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
    for (const source of v.projected.sources ?? []) {
      if (source.secret) w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${source.secret.optional === true}\n`)
      else if (source.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n')
      else if (source.configMap) w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${source.configMap.optional === true}\n`)
      else if (source.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`)
    }
  } else if (v.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`)
    const attrs = v.csi.volumeAttributes ?? {}
    const keys = Object.keys(attrs).sort()
    w.write(LEVEL_2, 'VolumeAttributes:\t')
    if (keys.length === 0) w.writeLine('<none>')
    keys.forEach((k, i) => {
      if (i !== 0) {
        w.write(LEVEL_2, '')
        w.write(LEVEL_2, '\t')
      }
      const line = `${k}=${attrs[k]}`
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`)
    })
  } else {
    w.write(LEVEL_1, '<unknown>\n')
  }
}

/** describeVolumes: `Volumes:  <none>` or one block per volume (`space` is `'  '` in templates). */
export function describeVolumes(volumes: Volume[] | undefined, w: Writer, space: string): void {
  const list = volumes ?? []
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`)
    return
  }
  w.write(LEVEL_0, `${space}Volumes:\n`)
  for (const v of list) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${v.name}:\n`)
    describeVolume(v, w)
  }
}
