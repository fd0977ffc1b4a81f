/**
 * The texts of the kubelet's container and image events and waiting/terminated messages, as
 * Kubernetes v1.33 writes them.
 *
 * Upstream: pkg/kubelet/events/event.go (reasons), pkg/kubelet/images/image_manager.go,
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (startContainer, killContainer,
 * executePreStopHook), kuberuntime_manager.go (doBackOff), pkg/kubelet/prober/prober.go.
 */
import { goDuration } from './format'

/** Event reasons (pkg/kubelet/events). */
export const EventReason = {
  Created: 'Created',
  Started: 'Started',
  Failed: 'Failed',
  Killing: 'Killing',
  BackOff: 'BackOff',
  ExceededGracePeriod: 'ExceededGracePeriod',
  Pulling: 'Pulling',
  Pulled: 'Pulled',
  InspectFailed: 'InspectFailed',
  ErrImageNeverPull: 'ErrImageNeverPull',
  Unhealthy: 'Unhealthy',
  ProbeWarning: 'ProbeWarning',
  FailedPostStartHook: 'FailedPostStartHook',
  FailedPreStopHook: 'FailedPreStopHook',
} as const

/** Waiting and terminated reasons in container statuses. */
export const ContainerReason = {
  ContainerCreating: 'ContainerCreating',
  ErrImagePull: 'ErrImagePull',
  ImagePullBackOff: 'ImagePullBackOff',
  InvalidImageName: 'InvalidImageName',
  ErrImageNeverPull: 'ErrImageNeverPull',
  CrashLoopBackOff: 'CrashLoopBackOff',
  CreateContainerConfigError: 'CreateContainerConfigError',
  StartError: 'StartError',
  Completed: 'Completed',
  Error: 'Error',
} as const

/** `format.Pod`: `name_namespace(uid)`. */
export function formatPod(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`
}

/** Pulling: `Pulling image "nginx"` (the image as written in the pod spec). */
export function pullingImageMessage(image: string): string {
  return `Pulling image "${image}"`
}

/**
 * Pulled: `Successfully pulled image "nginx" in 1.234s (1.234s including waiting). Image size: 72223946 bytes.`
 * `pullMs` is the pull itself, `totalMs` includes waiting for earlier pulls (serialized pulls).
 */
export function pulledImageMessage(image: string, pullMs: number, totalMs: number, sizeBytes: number): string {
  return `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`
}

/** Pulled (IfNotPresent, image cached): `Container image "nginx:1.27" already present on machine`. */
export function imageAlreadyPresentMessage(image: string): string {
  return `Container image "${image}" already present on machine`
}

/** ErrImageNeverPull (Warning): `Container image "x" is not present with pull policy of Never`. */
export function imageNeverPullMessage(image: string): string {
  return `Container image "${image}" is not present with pull policy of Never`
}

/** Failed (Warning): `Failed to pull image "nginxx": <containerd error>`. */
export function failedToPullMessage(image: string, error: string): string {
  return `Failed to pull image "${image}": ${error}`
}

/** Failed (Warning) after a failed start step: `Error: ErrImagePull`, `Error: ImagePullBackOff`, `Error: <runc error>`. */
export function errorEventMessage(reasonOrMessage: string): string {
  return `Error: ${reasonOrMessage}`
}

/** BackOff (Normal): `Back-off pulling image "nginxx"`. */
export function backOffPullingMessage(image: string): string {
  return `Back-off pulling image "${image}"`
}

/**
 * The waiting message of a container in ImagePullBackOff (since v1.32 it carries the last pull
 * error): `Back-off pulling image "nginxx": ErrImagePull: failed to pull and unpack image …`.
 */
export function imagePullBackOffWaitingMessage(image: string, lastPullError?: string): string {
  return lastPullError === undefined ? backOffPullingMessage(image) : `${backOffPullingMessage(image)}: ErrImagePull: ${lastPullError}`
}

/** Created: `Created container: nginx` (v1.33 wording). */
export function createdContainerMessage(container: string): string {
  return `Created container: ${container}`
}

/** Started: `Started container nginx`. */
export function startedContainerMessage(container: string): string {
  return `Started container ${container}`
}

/** Killing: `Stopping container nginx`, or the reason the kubelet gave (a failed probe). */
export function killingMessage(container: string): string {
  return `Stopping container ${container}`
}

/** BackOff (Warning): `Back-off restarting failed container nginx in pod nginx_default(uid)`. */
export function backOffRestartingMessage(container: string, podName: string, namespace: string, uid: string): string {
  return `Back-off restarting failed container ${container} in pod ${formatPod(podName, namespace, uid)}`
}

/** The CrashLoopBackOff waiting message: `back-off 10s restarting failed container=nginx pod=nginx_default(uid)`. */
export function crashLoopBackOffWaitingMessage(backoffMs: number, container: string, podName: string, namespace: string, uid: string): string {
  return `back-off ${goDuration(backoffMs)} restarting failed container=${container} pod=${formatPod(podName, namespace, uid)}`
}

/** FailedPreStopHook (Warning): the kubelet does not put the hook's output in the event. */
export function preStopHookFailedMessage(): string {
  return 'PreStopHook failed'
}

/** FailedPostStartHook (Warning). */
export function postStartHookFailedMessage(): string {
  return 'PostStartHook failed'
}

/** Unhealthy (Warning): `Liveness probe failed: <output>` (the output as the prober returned it). */
export function probeFailedMessage(type: 'Liveness' | 'Readiness' | 'Startup', output: string): string {
  return `${type} probe failed: ${output}`
}
