/**
 * `npm run serve [-- --port 8080] [--https] [--speed N] [--seed N] [--nodes N] [--student] [--kubeconfig PATH] [--dist DIR]`:
 * serves the simulated cluster to the real kubectl on 127.0.0.1 and the built app on the same origin.
 */
import { resolve } from 'node:path'
import { writeKubeconfig } from './kubeconfig'
import { startServer } from './server'
import { selfSignedCertificate } from './tls'

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('--')) continue
    const [k, v] = a.slice(2).split('=', 2)
    if (v !== undefined) out[k] = v
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i]
    else out[k] = true
  }
  return out
}

const args = parseArgs(process.argv.slice(2))
if (args.help) {
  console.log('npm run serve -- [--port 8080] [--host 127.0.0.1] [--https] [--speed 1] [--seed 1] [--nodes 3] [--student] [--kubeconfig podium.kubeconfig] [--dist dist]')
  process.exit(0)
}
const num = (k: string, d: number) => (typeof args[k] === 'string' ? Number(args[k]) : d)
// kubectl sends bearer tokens only over TLS: the student's context needs HTTPS.
const tls = args.https || args.student ? selfSignedCertificate() : undefined
const server = await startServer({
  port: num('port', Number(process.env.PORT ?? 8080)),
  host: typeof args.host === 'string' ? args.host : '127.0.0.1',
  speed: num('speed', 1),
  seed: num('seed', 1),
  nodes: num('nodes', 3),
  // The student user (edit in dev, view in default) and a kubeconfig context `student` for it.
  student: args.student === true,
  // The cluster's clock starts now, so the ages kubectl computes from the wall clock are right.
  epoch: Date.now(),
  // The built app served on the same origin (live mode); `--dist` or PODIUM_DIST, else dist/.
  staticDir: typeof args.dist === 'string' ? args.dist : (process.env.PODIUM_DIST ?? 'dist'),
  ...(tls ? { tls } : {}),
})
const kubeconfig = resolve(typeof args.kubeconfig === 'string' ? args.kubeconfig : 'podium.kubeconfig')
writeKubeconfig(kubeconfig, server)
console.log(`Podium serves a simulated Kubernetes v1.33 cluster at ${server.url} (loopback only)`)
console.log(`The app, showing this cluster live: ${server.url}/ (run \`npm run build\` first if dist/ is missing)`)
console.log(`Point kubectl at it:\n\n  export KUBECONFIG=${kubeconfig}\n  kubectl get nodes\n${server.credentials.student ? '  kubectl --context=student auth can-i create deployments -n dev\n' : ''}`)
const stop = () => {
  setTimeout(() => process.exit(0), 500).unref()
  void server.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
