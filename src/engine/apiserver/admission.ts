/**
 * Mutating admission plugins that every real cluster enables, in their upstream order, and the
 * create-time status each kind starts with. Upstream: plugin/pkg/admission/{namespace/lifecycle,
 * serviceaccount, defaulttolerationseconds, priority}, pkg/registry/core/pod/strategy.go.
 */
import type { Container, Pod, Service } from 'kubernetes-types/core/v1'
import type { KObject, Mutable } from '../api/meta'
import { NAME_ALPHABET, type Random } from '../sim/random'
import type { Etcd } from '../store/etcd'
import { resourceByPath, type ResourceType } from './resources'
import { allocateService } from './servicealloc'
import { limitRangerDefaults, limitRangerValidate } from './limitranger'
import { admitQuota, type QuotaUpdate } from './resourcequota'
import * as S from './status'

export interface AdmissionContext {
  etcd: Etcd
  rng: Random
  now: number
}

const NAMESPACES = resourceByPath('', 'v1', 'namespaces')!

/** Upstream: pkg/volume/util (PVCProtectionFinalizer, PVProtectionFinalizer). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection'
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection'

/**
 * StorageObjectInUseProtection: every new claim and volume gets its protection finalizer, so a
 * claim a pod uses (a volume bound to a claim) stays, Terminating, until it is free.
 * Upstream: plugin/pkg/admission/storage/storageobjectinuseprotection.
 */
function addProtectionFinalizer(o: KObject, finalizer: string, notes: string[]): void {
  const finalizers = o.metadata!.finalizers ?? []
  if (finalizers.includes(finalizer)) return
  o.metadata!.finalizers = [...finalizers, finalizer]
  notes.push(`StorageObjectInUseProtection: added finalizer ${finalizer}`)
}

/**
 * Returns a Status error when a plugin rejects the object; otherwise mutates it in place and
 * notes in `notes` what each plugin did (shown with the request on the timeline).
 */
export function admit(o: KObject, t: ResourceType, ctx: AdmissionContext, notes: string[] = []): S.ApiError | undefined {
  // NamespaceLifecycle: the namespace must exist and not be terminating.
  if (t.namespaced) {
    const ns = o.metadata?.namespace ?? ''
    const kv = ctx.etcd.get(`/registry/namespaces/${ns}`)
    if (!kv) return S.notFound(NAMESPACES, ns)
    const phase = (kv.value as { status?: { phase?: string } }).status?.phase
    if (phase === 'Terminating') {
      return S.forbidden(t, o.metadata?.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`)
    }
    notes.push(`NamespaceLifecycle: namespace ${ns} exists`)
  }
  switch (o.kind) {
    case 'Pod': {
      notes.push(...limitRangerDefaults(o as Pod, ctx.etcd))
      const sa = admitServiceAccount(o as Pod, t, ctx, notes)
      if ('error' in sa) return sa.error
      admitPod(o as Pod, ctx, notes, sa.automount)
      break
    }
    case 'Namespace': {
      const name = o.metadata!.name!
      o.metadata!.labels = { ...(o.metadata!.labels ?? {}), 'kubernetes.io/metadata.name': name }
      o.status = { phase: 'Active' }
      // PrepareForCreate: every namespace starts with the kubernetes finalizer (namespace controller).
      o.spec = { ...(o.spec ?? {}), finalizers: ['kubernetes'] }
      break
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicationController':
    case 'CronJob':
      o.status ??= {}
      break
    case 'Job':
      admitJob(o, notes)
      break
    case 'PersistentVolumeClaim':
      admitClaim(o, ctx, notes)
      addProtectionFinalizer(o, PVC_PROTECTION_FINALIZER, notes)
      break
    case 'PersistentVolume':
      o.status = { phase: 'Pending' }
      addProtectionFinalizer(o, PV_PROTECTION_FINALIZER, notes)
      break
    case 'Service': {
      // Not admission upstream but the Service registry's BeginCreate (before validation).
      const errs = allocateService(o as Service, ctx.etcd, ctx.rng)
      if (errs.length) return S.invalid(t, o.metadata?.name ?? '', errs)
      o.status = { loadBalancer: {} }
      const spec = (o as Service).spec!
      notes.push(`service IP allocator: cluster IP ${spec.clusterIP ?? '(none)'}${(spec.ports ?? []).some((p) => p.nodePort) ? `, node ports ${spec.ports!.map((p) => p.nodePort).join(', ')}` : ''}`)
      break
    }
  }
  return undefined
}

/**
 * ServiceAccount admission: the pod runs as `default` unless it names an account, and that
 * account must exist. A missing `default` is let through: upstream looks it up again up to 10
 * times (its controller creates it within milliseconds of the namespace); Podium's apiserver
 * cannot wait, so it trusts the controller. Upstream: plugin/pkg/admission/serviceaccount/admission.go.
 */
function admitServiceAccount(pod: Pod, t: ResourceType, ctx: AdmissionContext, notes: string[]): { error: S.ApiError } | { automount: boolean } {
  const spec = pod.spec!
  spec.serviceAccountName ||= spec.serviceAccount || 'default'
  spec.serviceAccount = spec.serviceAccountName
  const ns = pod.metadata?.namespace ?? ''
  const name = spec.serviceAccountName
  const kv = ctx.etcd.get(`/registry/serviceaccounts/${ns}/${name}`)
  if (!kv && name !== 'default') {
    return { error: S.forbidden(t, pod.metadata?.name ?? '', `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`) }
  }
  if (!kv) notes.push(`ServiceAccount: ${ns}/default is not there yet (the serviceaccount controller creates it)`)
  // The account may opt out of token automounting; the pod's own setting wins.
  const saAutomount = (kv?.value as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken
  return { automount: spec.automountServiceAccountToken ?? saAutomount ?? true }
}

function admitPod(pod: Pod, ctx: AdmissionContext, notes: string[], automount: boolean): void {
  const spec = pod.spec!
  // ServiceAccount: the projected API token volume (admitServiceAccount chose the account).
  if (automount) {
    const volName = `kube-api-access-${ctx.rng.string(5, NAME_ALPHABET)}`
    const has = (spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'))
    if (!has) {
      spec.volumes = [
        ...(spec.volumes ?? []),
        {
          name: volName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ]
      const mount = { name: volName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }
      const addMount = (c: Container) => {
        c.volumeMounts = [...(c.volumeMounts ?? []), mount]
      }
      spec.containers?.forEach(addMount)
      spec.initContainers?.forEach(addMount)
      notes.push(`ServiceAccount: runs as ${spec.serviceAccountName}, token mounted from volume ${volName}`)
    }
  }
  // DefaultTolerationSeconds: pods tolerate a not-ready or unreachable node for 300 s.
  const tol = (spec.tolerations ??= [])
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect))) {
      tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
    }
  }
  notes.push('DefaultTolerationSeconds: tolerates not-ready and unreachable nodes for 300s')
  // Priority: no PriorityClass means priority 0.
  spec.priority ??= 0
  notes.push(`Priority: priority ${spec.priority}`)
  spec.preemptionPolicy ??= 'PreemptLowerPriority'
  // PrepareForCreate: a new pod is Pending with its QoS class.
  ;(pod as Mutable<Pod>).status = { phase: 'Pending', qosClass: qosClass(pod) }
}

/** Upstream: pkg/apis/core/helper/qos/qos.go GetPodQOS. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  let any = false
  let guaranteed = true
  for (const c of cs) {
    const req = c.resources?.requests ?? {}
    const lim = c.resources?.limits ?? {}
    if (Object.keys(req).length || Object.keys(lim).length) any = true
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

/**
 * DefaultStorageClass: a claim that names no class (the field absent, not `""`) gets the class
 * annotated `storageclass.kubernetes.io/is-default-class: "true"` (the newest if several).
 * A new claim starts Pending. Upstream: plugin/pkg/admission/storage/storageclass/setdefault,
 * pkg/registry/core/persistentvolumeclaim/strategy.go PrepareForCreate.
 */
function admitClaim(o: KObject, ctx: AdmissionContext, notes: string[]): void {
  const spec = (o.spec ??= {}) as { storageClassName?: string }
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const defaults = ctx.etcd
      .range('/registry/storageclasses/')
      .map((kv) => kv.value as KObject)
      .filter((sc) => sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')
      .sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? 1 : a.metadata!.creationTimestamp! > b.metadata!.creationTimestamp! ? -1 : a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    if (defaults[0]) {
      spec.storageClassName = defaults[0].metadata!.name
      notes.push(`DefaultStorageClass: no storageClassName, so the default class ${spec.storageClassName} is set`)
    }
  }
  o.status = { phase: 'Pending' }
}

/**
 * A Job's selector and pod labels come from its uid unless `manualSelector` is set.
 * Upstream: pkg/registry/batch/job/strategy.go generateSelector.
 */
function admitJob(o: KObject, notes: string[]): void {
  const spec = (o.spec ??= {}) as { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } }
  o.status ??= {}
  if (spec.manualSelector) return
  const uid = o.metadata!.uid!
  const name = o.metadata!.name!
  spec.template ??= {}
  spec.template.metadata ??= {}
  spec.template.metadata.labels = {
    ...(spec.template.metadata.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  }
  spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }
  // SetDefaults_Job copies the template's labels to a Job without labels; it runs again when the
  // object is read back from storage, so stored Jobs carry the generated labels too.
  const m = o.metadata!
  if (!m.labels || Object.keys(m.labels).length === 0) m.labels = { ...spec.template.metadata.labels }
  notes.push(`Job strategy: selector batch.kubernetes.io/controller-uid=${uid}`)
}

/**
 * Validating admission, after validation: LimitRanger's min and max, then ResourceQuota. Returns
 * the Forbidden error, or the notes and the quota status writes to make before storing.
 * Several LimitRanger errors are aggregated as `[e1, e2]` (utilerrors.NewAggregate).
 */
export function validatingAdmission(o: KObject, t: ResourceType, etcd: Etcd): { error: S.ApiError; notes: string[] } | { notes: string[]; updates: QuotaUpdate[] } {
  const notes: string[] = []
  const name = o.metadata?.name ?? ''
  if (o.kind === 'Pod') {
    const lr = limitRangerValidate(o as Pod, etcd)
    if (lr.errors.length) return { error: S.forbidden(t, name, lr.errors.length === 1 ? lr.errors[0] : `[${lr.errors.join(', ')}]`), notes: ['LimitRanger: refused'] }
    notes.push(...lr.notes)
  }
  const q = admitQuota(o, t, etcd)
  if ('error' in q) return { error: S.forbidden(t, name, q.error), notes: [...notes, 'ResourceQuota: refused'] }
  return { notes: [...notes, ...q.notes], updates: q.updates }
}
