/**
 * The same Deployment workloads on Webernetes (@ngrok/webernetes), the closest peer: a TypeScript
 * port of parts of Kubernetes that runs in wall-clock time. Its `src/index.ts` loads under tsx
 * where its `dist` does not. Used by `npm run bench` only.
 */
import type { Pod } from 'kubernetes-types/core/v1'

/** Imported by a computed path so that type checking does not compile the peer's sources. */
const PEER_SRC = '../node_modules/@ngrok/webernetes/src/index.ts'

/** The part of Webernetes' Cluster the bench uses. */
interface PeerCluster {
  init(): Promise<void>
  informer(resource: 'pods', cb: (type: 'add' | 'update' | 'delete', pod: Pod) => void): { stop(): Promise<void> }
  apply(objects: object[]): Promise<unknown>
  close(): Promise<void>
}

/** Apply a Deployment of `replicas` on `nodes` nodes and wait until every pod is Running; real ms. */
export async function webernetesApplyToRunning(nodes: number, replicas: number, timeoutMs = 300_000): Promise<{ ms: number; running: number }> {
  const { Cluster } = (await import(PEER_SRC)) as { Cluster: new (o: { nodes: number }) => PeerCluster }
  const cluster = new Cluster({ nodes })
  await cluster.init()
  let running = 0
  const phases = new Map<string, string>()
  const informer = cluster.informer('pods', (type, pod) => {
    if (pod.metadata?.labels?.app !== 'web') return
    const name = pod.metadata?.name ?? ''
    if (type === 'delete') phases.delete(name)
    else phases.set(name, pod.status?.phase ?? '')
  })
  const t = performance.now()
  await cluster.apply([
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'echo', image: 'hashicorp/http-echo:1.0' }] } },
      },
    },
  ])
  for (;;) {
    running = [...phases.values()].filter((p) => p === 'Running').length
    if (running >= replicas || performance.now() - t > timeoutMs) break
    await new Promise((r) => setTimeout(r, 5))
  }
  const ms = performance.now() - t
  await informer.stop()
  await cluster.close()
  return { ms, running }
}
