/**
 * Networking end to end through createCluster: Service allocation and validation, Endpoints and
 * EndpointSlices, kube-proxy's rules, DNS and traffic across nodes, LoadBalancer and NodePort,
 * kubectl expose / create service / exec, and seed 004's deletion flow for Services.
 */
import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from '../index'

function web(c: Cluster, replicas = 3): void {
  expect(c.kubectl(`create deployment web --image=nginx:1.27 --replicas=${replicas}`).exitCode).toBe(0)
  expect(c.kubectl('expose deployment web --port=80').stdout).toBe('service/web exposed\n')
  expect(c.kubectl('run client --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0)
  c.advance(20_000)
}

const json = (c: Cluster, cmd: string) => JSON.parse(c.kubectl(`${cmd} -o json`).stdout)

describe('Services', () => {
  it('boots with kubernetes at 10.96.0.1 and kube-dns at 10.96.0.10', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('get svc').stdout).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+5m\n/m)
    expect(json(c, 'get svc kube-dns -n kube-system').spec.clusterIP).toBe('10.96.0.10')
    expect(c.proxyRules('node-1').text).toContain('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y')
  })

  it('allocates cluster IPs in 10.96.0.0/12 and node ports in 30000-32767, with the registry errors', () => {
    const c = createCluster({ seed: 3, nodes: 1 })
    expect(c.kubectl('create service nodeport np --tcp=80:8080').stdout).toBe('service/np created\n')
    const np = json(c, 'get svc np')
    expect(np.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./)
    expect(np.spec.clusterIPs).toEqual([np.spec.clusterIP])
    expect(np.spec.ports[0]).toMatchObject({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' })
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000)
    expect(np.spec.ports[0].nodePort).toBeLessThanOrEqual(32767)
    expect(np.spec).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None' })
    const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n${spec}`
    expect(c.kubectl('apply -f -', svc('  selector:\n    app: x\n')).stderr).toBe('The Service "x" is invalid: spec.ports: Required value\n')
    expect(c.kubectl('apply -f -', svc('  type: Foo\n  ports:\n  - port: 80\n')).stderr).toBe(
      'The Service "x" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
    )
    expect(c.kubectl('apply -f -', svc('  ports:\n  - port: 70000\n')).stderr).toBe('The Service "x" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n')
    expect(c.kubectl('apply -f -', svc('  clusterIP: 10.96.0.10\n  ports:\n  - port: 80\n')).stderr).toBe(
      'The Service "x" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated\n',
    )
    expect(c.kubectl('apply -f -', svc('  clusterIP: 10.0.0.1\n  ports:\n  - port: 80\n')).stderr).toBe(
      'The Service "x" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.1"]: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n',
    )
    expect(c.kubectl('apply -f -', svc('  clusterIP: 10.96.0.77\n  ports:\n  - port: 80\n')).exitCode).toBe(0)
    expect(c.kubectl('apply -f -', svc('  clusterIP: 10.96.0.78\n  ports:\n  - port: 80\n')).stderr).toBe(
      'The Service "x" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.78"]: may not change once set\n',
    )
    // A later apply without clusterIP keeps the allocated one.
    expect(c.kubectl('apply -f -', svc('  ports:\n  - port: 81\n')).stdout).toBe('service/x configured\n')
    expect(json(c, 'get svc x').spec.clusterIP).toBe('10.96.0.77')
  })

  it('builds what kubectl 1.33 builds for expose and create service', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('create deployment web --image=nginx:1.27')
    expect(c.kubectl('expose deployment web --port=80 --target-port=8080 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n',
    )
    expect(c.kubectl('create service clusterip web --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    )
    expect(c.kubectl('create service clusterip web --dry-run=client').stderr).toBe('error: at least one tcp port specifier must be provided\n')
    expect(c.kubectl('expose deployment web --port=80 --target-port=8080 --type=NodePort').stdout).toBe('service/web exposed\n')
    expect(json(c, 'get svc web').spec.type).toBe('NodePort')
  })
})

describe('Endpoints and EndpointSlices', () => {
  it('list ready pods as addresses and others as notReadyAddresses / ready: false', () => {
    const c = createCluster({ seed: 4, nodes: 2 })
    web(c, 2)
    const probe = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: sick\n  labels:\n    app: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    readinessProbe:\n      httpGet:\n        path: /nope\n        port: 80\n`
    expect(c.kubectl('apply -f -', probe).exitCode).toBe(0)
    c.advance(30_000)
    const sickIP = json(c, 'get pod sick').status.podIP
    const ep = json(c, 'get endpoints web')
    expect(ep.subsets).toHaveLength(1)
    expect(ep.subsets[0].addresses).toHaveLength(2)
    expect(ep.subsets[0].notReadyAddresses.map((a: { ip: string }) => a.ip)).toEqual([sickIP])
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }])
    const slices = json(c, 'get endpointslices -l kubernetes.io/service-name=web').items
    expect(slices).toHaveLength(1)
    expect(slices[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(slices[0].metadata.ownerReferences[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true })
    const sick = slices[0].endpoints.find((e: { addresses: string[] }) => e.addresses[0] === sickIP)
    expect(sick.conditions).toEqual({ ready: false, serving: false, terminating: false })
    expect(c.kubectl('get endpointslices').stdout).toMatch(/^web-\w{5}\s+IPv4\s+80\s+10\.244\.\S+\s+\d+s$/m)
    // kube-proxy sends traffic to ready endpoints only.
    expect(c.proxyRules('node-1').text).not.toContain(`-> ${sickIP}:80`)
  })

  it('drops a pod that starts terminating before its SIGKILL (seed 004)', () => {
    const c = createCluster({ seed: 5, nodes: 1 })
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: stubborn\n  labels:\n    app: loop\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "while true; do sleep 1; done"]\n`
    c.kubectl('apply -f -', pod)
    c.kubectl('apply -f -', pod.replace('stubborn', 'steady'))
    c.kubectl('create service clusterip loop --tcp=80')
    c.advance(20_000)
    expect(json(c, 'get endpoints loop').subsets[0].addresses).toHaveLength(2)
    const ip = json(c, 'get pod stubborn').status.podIP
    const mark = c.hops().at(-1)!.id
    c.kubectl('delete pod stubborn --wait=false')
    c.advance(40_000)
    const hops = c.hops(mark)
    const epWrite = hops.find((h) => h.detail?.etcd?.key === '/registry/services/endpoints/default/loop')!
    const sliceWrite = hops.find((h) => h.detail?.etcd?.key.startsWith('/registry/endpointslices/default/loop-'))!
    const kill = hops.find((h) => h.detail?.cri?.signal === 'SIGKILL')!
    expect(epWrite && sliceWrite && kill).toBeTruthy()
    expect(epWrite.t).toBeLessThan(kill.t)
    const addrs = (epWrite.detail!.etcd!.after as { subsets: { addresses: { ip: string }[] }[] }).subsets[0].addresses
    expect(addrs.map((a) => a.ip)).not.toContain(ip)
    // The slice keeps it, terminating, not ready but still serving (its containers run), until the pod is gone.
    const e = (sliceWrite.detail!.etcd!.after as { endpoints: { addresses: string[]; conditions: object }[] }).endpoints.find((x) => x.addresses[0] === ip)!
    expect(e.conditions).toEqual({ ready: false, serving: true, terminating: true })
    // kube-proxy stops sending new connections to it before the SIGKILL.
    const rules = hops.filter((h) => h.kind === 'rules' && h.t < kill.t)
    expect(rules.some((h) => h.detail!.rules!.removed.some((l) => l.endsWith(`DNAT --to-destination ${ip}:80`)))).toBe(true)
  })
})

describe('traffic', () => {
  it('routes kubectl exec … wget through DNS and kube-proxy to a backend, in causal order, and logs it', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    web(c)
    const mark = c.hops().at(-1)!.id
    const r = c.kubectl('exec client -- wget -qO- web')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>')
    const packets = c.hops(mark).filter((h) => h.kind === 'packet')
    expect(packets.map((h) => [h.from, h.to.replace(/web-\S+/, 'web')])).toEqual([
      ['pod/default/client', 'coredns'],
      ['coredns', 'pod/default/client'],
      ['pod/default/client', `kube-proxy/${json(c, 'get pod client').spec.nodeName}`],
      [packets[2].to, 'pod/default/web'],
      [packets[3].to, 'pod/default/client'],
    ])
    for (let i = 1; i < packets.length; i++) expect(packets[i].cause).toBe(i === 3 ? packets[2].id : packets[i - 1].id)
    expect(packets[2].detail!.packet!.rules!.some((l) => /-j DNAT --to-destination 10\.244\.\d+\.\d+:80$/.test(l))).toBe(true)
    const backend = packets[3].to.slice('pod/default/'.length)
    expect(c.kubectl(`logs ${backend}`).stdout).toMatch(/\n10\.244\.\d+\.\d+ - - \[06\/Jan\/2025:09:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"\n$/)
    expect(c.kubectl('exec client -- nslookup web.default').stdout).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n\n$/)
    expect(c.kubectl('exec client -- wget -qO- nope')).toMatchObject({ stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n", exitCode: 1 })
    expect(c.kubectl('exec client -- cat /etc/hostname').stdout).toBe('client\n')
    expect(c.kubectl('exec client -- sh -c "exit 3"')).toMatchObject({ stderr: 'command terminated with exit code 3\n', exitCode: 3 })
    expect(c.kubectl('exec client -- curl web').stderr).toMatch(/exec: "curl": executable file not found in \$PATH: unknown\n$/)
  })

  it('spreads requests over every backend, across nodes, deterministically', () => {
    const run = () => {
      const c = createCluster({ seed: 7, nodes: 2 })
      web(c)
      const hits: string[] = []
      for (let i = 0; i < 30; i++) {
        const mark = c.hops().at(-1)!.id
        c.kubectl('exec client -- wget -qO- web')
        hits.push(c.hops(mark).filter((h) => h.kind === 'packet')[3].to)
      }
      return hits
    }
    const a = run()
    expect(new Set(a).size).toBe(3)
    expect(run()).toEqual(a)
  })

  it('runs curl in a throwaway pod: kubectl run --rm -it', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    web(c)
    const r = c.kubectl('run tmp --image=curlimages/curl --rm -it --restart=Never -- curl -s web')
    expect(r.stdout).toMatch(/<title>Welcome to nginx!<\/title>[\s\S]*\npod "tmp" deleted\n$/)
  })

  it('gives a LoadBalancer its external IP after a delay, with events, and serves outside requests', () => {
    const c = createCluster({ seed: 2, nodes: 2 })
    web(c)
    expect(c.kubectl('expose deployment web --name=web-lb --type=LoadBalancer --port=80').stdout).toBe('service/web-lb exposed\n')
    expect(c.kubectl('get svc web-lb').stdout).toMatch(/web-lb\s+LoadBalancer\s+10\.\S+\s+<pending>\s+80:3\d{4}\/TCP/)
    c.advance(30_000)
    const lb = json(c, 'get svc web-lb')
    expect(lb.status.loadBalancer.ingress).toEqual([{ ip: '203.0.113.10', ipMode: 'VIP' }])
    expect(lb.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup'])
    expect(c.kubectl('describe svc web-lb').stdout).toMatch(/EnsuringLoadBalancer\s+\d+s\s+service-controller\s+Ensuring load balancer\n.*EnsuredLoadBalancer\s+\d+s\s+service-controller\s+Ensured load balancer\n/)
    const res = c.request('http://203.0.113.10/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Welcome to nginx!')
    const hops = c.hops(res.firstHop - 1)
    expect(hops[0]).toMatchObject({ from: 'client', kind: 'packet' })
    expect(hops.some((h) => h.detail?.packet?.rules?.some((l) => l.includes('loadbalancer IP')))).toBe(true)
    const nodePort = lb.spec.ports[0].nodePort
    expect(c.request(`http://172.18.0.3:${nodePort}/`).status).toBe(200)
    expect(c.kubectl('delete svc web-lb').stdout).toBe('service "web-lb" deleted\n')
    expect(c.kubectl('get svc web-lb').stderr).toBe('Error from server (NotFound): services "web-lb" not found\n')
  })

  it('switches kube-proxy to IPVS and round-robins', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    web(c)
    const mark = c.hops().at(-1)!.id
    c.setProxyMode('ipvs')
    c.advance(2_000)
    expect(c.hops(mark).filter((h) => h.kind === 'rules').map((h) => h.from).sort()).toEqual(['kube-proxy/node-1', 'kube-proxy/node-2'])
    const rules = c.proxyRules('node-1')
    expect(rules.mode).toBe('ipvs')
    expect(rules.text).toMatch(/^TCP  10\.96\.0\.1:443 rr\n  -> 172\.18\.0\.1:6443              Masq    1      0          0         $/m)
    const ip = json(c, 'get svc web').spec.clusterIP
    expect(rules.text).toContain(`TCP  ${ip}:80 rr\n`)
    const seen = new Set<string>()
    for (let i = 0; i < 3; i++) {
      const m = c.hops().at(-1)!.id
      c.kubectl('exec client -- wget -qO- web')
      seen.add(c.hops(m).filter((h) => h.kind === 'packet')[3].to)
    }
    expect(seen.size).toBe(3)
  })
})
