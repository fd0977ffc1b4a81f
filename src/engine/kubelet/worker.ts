/**
 * A pod worker's plain-data state: what the kubelet knows about one pod on its node and each of
 * its containers. Upstream: pkg/kubelet/pod_workers.go, pkg/kubelet/container/runtime.go.
 */
export type ContainerPhase = 'waiting' | 'running' | 'terminated'

export interface Termination {
  exitCode: number
  reason: string
  message?: string
  signal?: number
  startedAt: number
  finishedAt: number
  containerId: string
}

export interface ContainerRt {
  name: string
  init: boolean
  /** Index in spec.containers / spec.initContainers. */
  index: number
  image: string
  state: ContainerPhase
  /** For waiting: ContainerCreating, PodInitializing, ErrImagePull, ImagePullBackOff, CrashLoopBackOff … */
  reason?: string
  message?: string
  startedAt?: number
  containerId?: string
  imageId?: string
  fullImage?: string
  restartCount: number
  last?: Termination
  current?: Termination
  /** Next CrashLoopBackOff delay (ms); 0 means restart at once. */
  backoffMs: number
  /** Next image pull back-off (ms), and when the last pull failed. */
  pullBackoffMs: number
  pullFailedAt?: number
  ready: boolean
  started: boolean
  /** Virtual time of the process's own exit, if it ever exits by itself. */
  exitAt?: number
  exitCode?: number
  /** Consecutive probe failures and successes. */
  livenessFailures: number
  readinessFailures: number
  readinessOk: boolean
  /** Incremented at each (re)start, so stale timers of an older run are ignored. */
  run: number
  /** The runtime's error when the process could not start (reason StartError). */
  startError?: string
  /** The running process (the runtime model's plain data), and the one of the previous run. */
  program?: import('./model').Program
  lastProgram?: import('./model').Program
  /** The environment and mounts resolved before the container was created (kubelet/config.ts). */
  config?: import('./config').ContainerConfig
  /** Lines the process wrote for requests it served (access logs), from proxy/ traffic. */
  accessLog?: import('./runtime').LogLine[]
  /** Being stopped: when the stop signal goes, when SIGKILL is due, how it ends. */
  stopping?: {
    why: 'delete' | 'liveness'
    signal: string
    signalAt: number
    killAt: number
    killed: boolean
    exitAt: number
    exitCode: number
    reason: string
    /** What the signal did, in words (`sh ignores SIGTERM as PID 1`). */
    why2?: string
  }
}

export interface PodWorker {
  uid: string
  namespace: string
  name: string
  ip?: string
  sandbox: 'none' | 'creating' | 'ready' | 'stopped'
  startTime?: number
  readyToStartAt?: number
  initializedAt?: number
  containers: ContainerRt[]
  /** Set when the kubelet begins graceful termination. */
  terminating?: { started: number; grace: number }
  /** Whether the terminal status was reported and the final delete sent. */
  finished: boolean
  /** Pod phase as last computed. */
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'
  /** Files of the pod's configMap and secret volumes, by volume name, once they are set up. */
  volumeFiles?: Record<string, Record<string, string>>
  /** Conditions' last transition times, by type. */
  transitions: Record<string, { status: string; at: number }>
  /** Set while a status report that failed waits for the status manager's next sync. */
  statusRetry?: boolean
}
