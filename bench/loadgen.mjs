// A loopback load generator for bench/serve.bench.ts: mixed GET / LIST / PATCH with keep-alive,
// `concurrency` requests in flight for `seconds`. Prints { requests, errors, seconds } as JSON.
import http from 'node:http'

const [url, seconds = '5', concurrency = '8'] = process.argv.slice(2)
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) })
const mix = [
  ['GET', '/api/v1/namespaces/default/pods/POD'],
  ['GET', '/api/v1/namespaces/default/pods/POD'],
  ['GET', '/api/v1/namespaces/default/configmaps?limit=50'],
  ['PATCH', '/api/v1/namespaces/default/configmaps/bench'],
]
const pod = process.env.POD
let requests = 0
let errors = 0
let i = 0
const end = Date.now() + Number(seconds) * 1000
function one() {
  if (Date.now() >= end) return Promise.resolve()
  const [method, path] = mix[i++ % mix.length]
  const body = method === 'PATCH' ? JSON.stringify({ data: { n: String(i) } }) : undefined
  return new Promise((ok) => {
    const req = http.request(url + path.replace('POD', pod), { method, agent, headers: body ? { 'content-type': 'application/merge-patch+json' } : { accept: 'application/json' } }, (res) => {
      res.resume()
      res.on('end', () => {
        requests++
        if (res.statusCode >= 400) errors++
        ok()
      })
    })
    req.on('error', () => {
      errors++
      ok()
    })
    req.end(body)
  }).then(one)
}
const t = Date.now()
await Promise.all(Array.from({ length: Number(concurrency) }, one))
console.log(JSON.stringify({ requests, errors, seconds: (Date.now() - t) / 1000 }))
agent.destroy()
