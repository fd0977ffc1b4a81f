/**
 * A typed REST client over the apiserver's handler, as client-go's clientsets are over HTTP.
 * Every call is a request hop from `from` to the apiserver.
 */
import type { ApiServer } from '../apiserver/apiserver'
import type { ApiRequest, ApiResponse, PatchType } from '../apiserver/request'
import { resourceByPath, restPath, type ResourceType } from '../apiserver/resources'
import type { KObject } from '../api/meta'
import type { ComponentId } from '../trace/hop'

function must(t: ResourceType | undefined): ResourceType {
  if (!t) throw new Error('unknown resource type')
  return t
}

/** The resource types components use most. */
export const R = {
  pods: must(resourceByPath('', 'v1', 'pods')),
  nodes: must(resourceByPath('', 'v1', 'nodes')),
  namespaces: must(resourceByPath('', 'v1', 'namespaces')),
  events: must(resourceByPath('', 'v1', 'events')),
  services: must(resourceByPath('', 'v1', 'services')),
  endpoints: must(resourceByPath('', 'v1', 'endpoints')),
  serviceaccounts: must(resourceByPath('', 'v1', 'serviceaccounts')),
  configmaps: must(resourceByPath('', 'v1', 'configmaps')),
  secrets: must(resourceByPath('', 'v1', 'secrets')),
  resourcequotas: must(resourceByPath('', 'v1', 'resourcequotas')),
  limitranges: must(resourceByPath('', 'v1', 'limitranges')),
  replicationcontrollers: must(resourceByPath('', 'v1', 'replicationcontrollers')),
  deployments: must(resourceByPath('apps', 'v1', 'deployments')),
  replicasets: must(resourceByPath('apps', 'v1', 'replicasets')),
  leases: must(resourceByPath('coordination.k8s.io', 'v1', 'leases')),
  statefulsets: must(resourceByPath('apps', 'v1', 'statefulsets')),
  daemonsets: must(resourceByPath('apps', 'v1', 'daemonsets')),
  controllerrevisions: must(resourceByPath('apps', 'v1', 'controllerrevisions')),
  jobs: must(resourceByPath('batch', 'v1', 'jobs')),
  cronjobs: must(resourceByPath('batch', 'v1', 'cronjobs')),
  persistentvolumeclaims: must(resourceByPath('', 'v1', 'persistentvolumeclaims')),
  persistentvolumes: must(resourceByPath('', 'v1', 'persistentvolumes')),
  storageclasses: must(resourceByPath('storage.k8s.io', 'v1', 'storageclasses')),
  endpointslices: must(resourceByPath('discovery.k8s.io', 'v1', 'endpointslices')),
}

export interface CallOpts {
  cause?: number
  summary?: string
  background?: boolean
  scheduling?: import('../trace/hop').SchedulingDecision
}

export class Client {
  /**
   * How many requests got a 5xx answer (the apiserver or its storage failing). A controller
   * compares it around one sync: more means the sync failed and its key goes back to the queue
   * with back-off, as a sync that returns an error does upstream (processNextWorkItem → AddRateLimited).
   */
  serverErrors = 0

  constructor(
    private readonly api: ApiServer,
    readonly from: ComponentId,
  ) {}

  private send(req: ApiRequest): ApiResponse {
    const r = this.api.handle(req)
    if (r.status >= 500) this.serverErrors++
    return r
  }

  create(t: ResourceType, namespace: string | undefined, obj: KObject, o: CallOpts = {}): ApiResponse {
    return this.send({ verb: 'POST', path: restPath(t, namespace), body: obj, from: this.from, ...o })
  }

  update(t: ResourceType, obj: KObject, o: CallOpts = {}, subresource?: string): ApiResponse {
    return this.send({ verb: 'PUT', path: restPath(t, obj.metadata?.namespace, obj.metadata?.name, subresource), body: obj, from: this.from, ...o })
  }

  updateStatus(t: ResourceType, obj: KObject, o: CallOpts = {}): ApiResponse {
    return this.update(t, obj, o, 'status')
  }

  patch(t: ResourceType, namespace: string | undefined, name: string, patch: unknown, patchType: PatchType, o: CallOpts = {}, subresource?: string): ApiResponse {
    return this.send({ verb: 'PATCH', path: restPath(t, namespace, name, subresource), body: patch, patchType, from: this.from, ...o })
  }

  delete(t: ResourceType, namespace: string | undefined, name: string, options: Record<string, unknown> = {}, o: CallOpts = {}): ApiResponse {
    return this.send({ verb: 'DELETE', path: restPath(t, namespace, name), body: options, from: this.from, ...o })
  }

  /** POST pods/<name>/binding: how the scheduler assigns a pod to a node. */
  bind(namespace: string, name: string, binding: KObject, o: CallOpts = {}): ApiResponse {
    return this.send({ verb: 'POST', path: restPath(R.pods, namespace, name, 'binding'), body: binding, from: this.from, ...o })
  }

  get(t: ResourceType, namespace: string | undefined, name: string, o: CallOpts = {}): ApiResponse {
    return this.send({ verb: 'GET', path: restPath(t, namespace, name), from: this.from, ...o })
  }

  list(t: ResourceType, namespace?: string, query: Record<string, string> = {}, o: CallOpts = {}): ApiResponse {
    return this.send({ verb: 'GET', path: restPath(t, namespace), query, from: this.from, ...o })
  }
}
