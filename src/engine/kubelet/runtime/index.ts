/**
 * The simulated container runtime's model of what containers do: images and the registry,
 * processes and their output over virtual time, signals, probes, back-offs and the kubelet's
 * event texts. See each module's header for what it models and what it does not.
 */
export { CATALOG, type AppKind, type CatalogEntry, type OsFamily } from './catalog'
export {
  invalidImageNameMessage,
  parseImageReference,
  pullErrorMessage,
  resolveImage,
  tagExists,
  type ImageReference,
  type ParseResult,
  type ResolveResult,
  type ResolvedImage,
} from './images'
export {
  execNotFoundMessage,
  exitBy,
  expandKubeVars,
  filesAt,
  listensAt,
  logsBetween,
  logsUntil,
  processEnv,
  resolveArgv,
  runningAt,
  runProgram,
  signalOutcomes,
  withSignal,
  type ExitInfo,
  type Forever,
  type LogLine,
  type Program,
  type ProgramSpec,
  type SignalRecord,
  type StartError,
} from './program'
export { execInContainer, execStartErrorMessage, type ExecResult } from './exec'
export { httpGet, probeKillMessage, probeTimeline, probeURL, runProbe, type ProbeContext, type ProbeResult, type ProbeTick, type ProbeType } from './probes'
export { MINIMUM_GRACE_PERIOD_SECONDS, runHook, stopContainer, type HookRun, type KubeletEvent, type StopResult } from './signals'
export {
  INITIAL_BACKOFF_MS,
  MAX_BACKOFF_MS,
  PULL_BYTES_PER_SECOND,
  PULL_FAILURE_MS,
  PULL_LATENCY_MS,
  backoffNext,
  crashLoopDelays,
  isInBackOffSince,
  isInBackOffSinceUpdate,
  pullBackoffAfterFailure,
  pullBackoffDelays,
  pullDurationMs,
  restartDecision,
  type BackoffEntry,
} from './backoff'
export * from './events'
export { goDuration } from './format'
export type { FsSnapshot, MountSpec } from './fs'
