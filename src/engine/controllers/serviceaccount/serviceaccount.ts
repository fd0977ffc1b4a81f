/**
 * The service account controller: every active namespace has a ServiceAccount named `default`;
 * it creates one in each new namespace and again when someone deletes it.
 * Upstream: pkg/controller/serviceaccount/serviceaccounts_controller.go (syncNamespace,
 * serviceAccountDeleted), run as `service-account-controller`.
 */
import type { Namespace } from 'kubernetes-types/core/v1'
import type { KObject } from '../../api/meta'
import { R } from '../../client/client'
import type { InformerEvent } from '../../client/informer'
import { Controller, type ControllerEnv, type ControllerState } from '../controller'

/** The accounts every namespace gets. Upstream: DefaultServiceAccountsControllerOptions. */
export const DEFAULT_SERVICE_ACCOUNTS = ['default']

/** The serviceaccount controller (`controller-manager/serviceaccount`). */
export class ServiceAccountController extends Controller {
  readonly watches = ['namespaces', 'serviceaccounts']

  constructor(s: ControllerState, env: ControllerEnv) {
    super('serviceaccount', s, env)
  }

  onEvent(resource: string, type: InformerEvent, obj: KObject, _old: KObject | undefined, hop: number): void {
    if (resource === 'namespaces') {
      if (type !== 'DELETED') this.enqueue(obj.metadata!.name!, hop)
    } else if (type === 'DELETED' && DEFAULT_SERVICE_ACCOUNTS.includes(obj.metadata!.name!)) this.enqueue(obj.metadata!.namespace!, hop)
  }

  sync(name: string, cause?: number): void {
    const ns = this.env.informers.namespaces.get(name) as Namespace | undefined
    if (!ns || ns.status?.phase !== 'Active') return
    for (const sa of DEFAULT_SERVICE_ACCOUNTS) {
      if (this.env.informers.serviceaccounts.get(`${name}/${sa}`)) continue
      this.env.client.create(R.serviceaccounts, name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa } }, { cause, summary: `The serviceaccount controller creates ServiceAccount ${sa} in namespace ${name}` })
    }
  }
}
