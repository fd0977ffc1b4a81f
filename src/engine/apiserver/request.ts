import type { ComponentId, SchedulingDecision } from '../trace/hop'

/** A client certificate's subject (signed by the cluster CA) and/or a bearer token. */
export interface Credentials {
  clientCertificate?: { commonName: string; organizations: string[] }
  token?: string
}

export type Verb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The PATCH content types; `apply` is server-side apply (`application/apply-patch+yaml`, managedfields/). */
export type PatchType = 'merge' | 'strategic' | 'json' | 'apply'

/** A request to the apiserver: what an HTTP request carries, plus who sent it. */
export interface ApiRequest {
  verb: Verb
  /** The REST path: `/api/v1/namespaces/default/pods/nginx`. */
  path: string
  query?: Record<string, string>
  /** The body as an object (in-process clients) or JSON/YAML text (HTTP clients). */
  body?: unknown
  patchType?: PatchType
  /** `Impersonate-User` (kubectl `--as`): the user to act as, if the caller may impersonate. */
  user?: string
  /**
   * What the client presents to authentication (kubectl: its kubeconfig user, `--token`). Absent
   * for the cluster's own components, which authenticate by who they are (authn.ts).
   */
  credentials?: Credentials
  /**
   * A client outside the simulation (the real kubectl over HTTP): its waits happen in real time, so
   * the apiserver never moves the virtual clock for it (an etcd outage answers it at once).
   */
  outside?: true
  /** The component sending it, for the hop log. */
  from: ComponentId
  /** The hop that led to this request. */
  cause?: number
  /** The sentence a student reads on the timeline. Defaults to `VERB path`. */
  summary?: string
  /** Marks heartbeat traffic (Lease renewals, node status). */
  background?: boolean
  /** The scheduler's decision, shown with its binding (or its unschedulable status update). */
  scheduling?: SchedulingDecision
}

export interface ApiResponse {
  status: number
  // The decoded body: an object, a list or a Status.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  /** The id of the response hop, so follow-up work can name it as its cause. */
  hop: number
  /** `Warning` headers (`unknown field "spec.foo"` under fieldValidation=Warn); kubectl prints each as `Warning: …`. */
  warnings?: string[]
}
