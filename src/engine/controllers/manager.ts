/**
 * kube-controller-manager: one process running many controllers over shared informers.
 * Upstream: cmd/kube-controller-manager/app/controllermanager.go.
 */
import type { WatchDelivery } from '../apiserver/watch'
import { Client, R } from '../client/client'
import type { Component, Ctx, TimerPayload } from '../client/component'
import { Recorder, newRecorderState, type RecorderState } from '../client/events'
import { Informer, newInformerState, relistOnTimer, type InformerState } from '../client/informer'
import type { Controller, ControllerState } from './controller'
import { newControllerState } from './controller'
import { EndpointsController } from './endpoints/endpoints'
import { EndpointSliceController } from './endpointslice/endpointslice'
import { DeploymentController, type DeploymentControllerState } from './deployment/deployment'
import { GC_RESOURCES, GarbageCollector, type GarbageCollectorState } from './garbagecollector/garbagecollector'
import { RESOURCES, type ResourceType } from '../apiserver/resources'
import { NodeLifecycleController, type NodeLifecycleState } from './nodelifecycle/nodelifecycle'
import { ReplicaSetController, type ReplicaSetControllerState } from './replicaset/replicaset'
import { PersistentVolumeController, type PersistentVolumeControllerState } from './persistentvolume/persistentvolume'
import { StatefulSetController } from './statefulset/statefulset'
import { DaemonSetController } from './daemonset/daemonset'
import { PVCProtectionController } from './pvcprotection/pvcprotection'
import { PVProtectionController } from './pvprotection/pvprotection'
import { JobController, type JobControllerState } from './job/job'
import { CronJobController } from './cronjob/cronjob'
import { TTLAfterFinishedController } from './ttlafterfinished/ttlafterfinished'
import { PodGCController } from './podgc/podgc'
import { AttachDetachController } from './attachdetach/attachdetach'
import { NamespaceController } from './namespace/namespace'
import { ServiceAccountController } from './serviceaccount/serviceaccount'
import { RootCACertPublisher } from './rootcacertpublisher/rootcacertpublisher'
import { ResourceQuotaController } from './resourcequota/resourcequota'
import { NodeIpamController, type NodeIpamState } from './nodeipam/nodeipam'

export interface ControllerManagerState {
  up: boolean
  informers: Record<string, InformerState>
  controllers: Record<string, ControllerState & Record<string, unknown>>
  recorders: Record<string, RecorderState>
}

/**
 * The resources the shared informer factory watches: the controllers' own, then the rest of
 * what the garbage collector follows (upstream it adds a metadata informer per deletable resource).
 */
const INFORMED: readonly string[] = [
  ...new Set(['pods', 'replicasets', 'deployments', 'replicationcontrollers', 'nodes', 'leases', 'statefulsets', 'controllerrevisions', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses', 'daemonsets', 'jobs', 'cronjobs', 'services', 'endpoints', 'endpointslices', 'namespaces', 'serviceaccounts', 'configmaps', 'secrets', 'resourcequotas', ...GC_RESOURCES]),
]

function informedType(resource: string): ResourceType {
  const t = RESOURCES.find((x) => x.resource === resource)
  if (!t) throw new Error(`no resource ${resource}`)
  return t
}

/** Controllers and the component name their events carry (`From` in describe). */
const CONTROLLERS: { name: string; source: string }[] = [
  { name: 'replicaset', source: 'replicaset-controller' },
  { name: 'replicationcontroller', source: 'replication-controller' },
  { name: 'deployment', source: 'deployment-controller' },
  { name: 'garbagecollector', source: 'garbage-collector-controller' },
  { name: 'nodelifecycle', source: 'node-controller' },
  { name: 'statefulset', source: 'statefulset-controller' },
  { name: 'persistentvolume', source: 'persistentvolume-controller' },
  { name: 'pvcprotection', source: 'pvc-protection-controller' },
  { name: 'pvprotection', source: 'pv-protection-controller' },
  { name: 'daemonset', source: 'daemonset-controller' },
  { name: 'job', source: 'job-controller' },
  { name: 'cronjob', source: 'cronjob-controller' },
  { name: 'ttlafterfinished', source: 'ttl-after-finished-controller' },
  { name: 'podgc', source: 'pod-garbage-collector' },
  { name: 'attachdetach', source: 'attachdetach-controller' },
  { name: 'endpoints', source: 'endpoint-controller' },
  { name: 'endpointslice', source: 'endpoint-slice-controller' },
  { name: 'namespace', source: 'namespace-controller' },
  { name: 'serviceaccount', source: 'service-account-controller' },
  { name: 'rootcacertpublisher', source: 'root-ca-cert-publisher' },
  { name: 'resourcequota', source: 'resourcequota-controller' },
  { name: 'nodeipam', source: 'cidrAllocator' },
]

/** The controllers the controller-manager runs, by name (`replicaset`, `deployment`, …). */
export function controllerNames(): string[] {
  return CONTROLLERS.map((c) => c.name)
}

export function newControllerManagerState(): ControllerManagerState {
  const informers: Record<string, InformerState> = {}
  for (const r of INFORMED) informers[r] = newInformerState(informedType(r))
  const controllers: ControllerManagerState['controllers'] = {}
  const recorders: Record<string, RecorderState> = {}
  for (const c of CONTROLLERS) {
    controllers[c.name] = { ...newControllerState(), expectations: new Map() }
    recorders[c.name] = newRecorderState()
  }
  return { up: true, informers, controllers, recorders }
}

export class ControllerManager implements Component {
  readonly id = 'controller-manager'
  readonly informers: Record<string, Informer> = {}
  readonly controllers: Controller[] = []
  private readonly byName = new Map<string, Controller>()
  private readonly byWatch = new Map<number, Informer>()
  private readonly watchers: Record<string, Controller[]> = {}

  constructor(
    readonly s: ControllerManagerState,
    private readonly ctx: Ctx,
  ) {
    for (const r of INFORMED) {
      // A snapshot from before a resource was informed has no state for it yet.
      s.informers[r] ??= newInformerState(informedType(r))
      this.informers[r] = new Informer(s.informers[r], informedType(r), ctx, this.id, (type, obj, old, hop) => {
        // The controllers that watch `r`, in registration order (computed once).
        const cs = (this.watchers[r] ??= this.controllers.filter((c) => c.watches.includes(r)))
        for (const c of cs) c.onEvent(r, type, obj, old, hop)
      })
    }
    for (const { name, source } of CONTROLLERS) {
      const client = new Client(ctx.api, `${this.id}/${name}`)
      // A snapshot from before a controller existed has no state for it yet.
      s.controllers[name] ??= { ...newControllerState(), expectations: new Map() }
      s.recorders[name] ??= newRecorderState()
      const env = { ctx, informers: this.informers, client, recorder: new Recorder(s.recorders[name], ctx, client, { component: source }), processId: this.id }
      const st = s.controllers[name]
      let c: Controller
      switch (name) {
        case 'endpoints':
          c = new EndpointsController(st, env)
          break
        case 'endpointslice':
          c = new EndpointSliceController(st, env)
          break
        case 'replicaset':
          c = new ReplicaSetController(st as unknown as ReplicaSetControllerState, env, 'ReplicaSet')
          break
        case 'replicationcontroller':
          c = new ReplicaSetController(st as unknown as ReplicaSetControllerState, env, 'ReplicationController')
          break
        case 'deployment':
          c = new DeploymentController(st as unknown as DeploymentControllerState, env)
          break
        case 'garbagecollector':
          c = new GarbageCollector(st as unknown as GarbageCollectorState, env)
          break
        case 'nodelifecycle':
          c = new NodeLifecycleController(st as unknown as NodeLifecycleState, env)
          break
        case 'statefulset':
          c = new StatefulSetController(st, env)
          break
        case 'persistentvolume':
          c = new PersistentVolumeController(st as unknown as PersistentVolumeControllerState, env)
          break
        case 'pvcprotection':
          c = new PVCProtectionController(st, env)
          break
        case 'pvprotection':
          c = new PVProtectionController(st, env)
          break
        case 'daemonset':
          c = new DaemonSetController(st, env)
          break
        case 'job':
          c = new JobController(st as unknown as JobControllerState, env)
          break
        case 'cronjob':
          c = new CronJobController(st, env)
          break
        case 'ttlafterfinished':
          c = new TTLAfterFinishedController(st, env)
          break
        case 'podgc':
          c = new PodGCController(st, env)
          break
        case 'attachdetach':
          c = new AttachDetachController(st, env)
          break
        case 'namespace':
          c = new NamespaceController(st, env)
          break
        case 'serviceaccount':
          c = new ServiceAccountController(st, env)
          break
        case 'rootcacertpublisher':
          c = new RootCACertPublisher(st, env)
          break
        case 'resourcequota':
          c = new ResourceQuotaController(st, env)
          break
        case 'nodeipam':
          c = new NodeIpamController(st as NodeIpamState, env)
          break
        default:
          throw new Error(`unknown controller ${name}`)
      }
      this.controllers.push(c)
      this.byName.set(name, c)
    }
  }

  start(cause?: number): void {
    this.s.up = true
    for (const r of INFORMED) this.informers[r].start(cause)
  }

  stop(): void {
    this.s.up = false
    for (const r of INFORMED) this.informers[r].stop()
  }

  onWatch(d: WatchDelivery, hop: number): void {
    if (!this.s.up) return
    // Which informer owns the watch: remembered, since there are many informers and many events.
    let inf = this.byWatch.get(d.watchId)
    if (!inf?.owns(d.watchId)) {
      inf = Object.values(this.informers).find((i) => i.owns(d.watchId))
      if (!inf) return
      this.byWatch.set(d.watchId, inf)
    }
    inf.onDelivery(d, hop)
  }

  onTimer(p: TimerPayload): void {
    if (!this.s.up || relistOnTimer(p, () => Object.values(this.informers))) return
    const data = p.data as { controller: string; key?: string }
    const c = this.byName.get(data.controller)
    if (!c) return
    if (p.action === 'process') c.processNext()
    else if (p.action === 'enqueue' && data.key) c.enqueue(data.key, p.cause)
  }
}
