import { describe, expect, it } from 'vitest'
import { iptablesRules, saveLines } from './iptables'
import { ipvsadmList, virtualServers } from './ipvs'
import { buildTable, ruleProbability, savedProbability, servicePortChainName, servicePortEndpointChainName } from './model'
import { base32, hex, sha256 } from './sha256'

describe('sha256 and base32', () => {
  it('match the FIPS 180-4 and RFC 4648 test vectors', () => {
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
    expect(base32(Uint8Array.from([...'foobar'].map((c) => c.charCodeAt(0))))).toBe('MZXW6YTBOI======')
  })
})

describe('kube-proxy chain names', () => {
  it('are the ones real clusters show for the kubernetes and kube-dns Services', () => {
    expect(servicePortChainName('default/kubernetes:https', 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y')
    expect(servicePortChainName('kube-system/kube-dns:dns', 'UDP')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU')
    expect(servicePortChainName('kube-system/kube-dns:dns-tcp', 'TCP')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4')
    expect(servicePortChainName('kube-system/kube-dns:metrics', 'TCP')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP')
    expect(servicePortEndpointChainName('default/web', 'TCP', '10.244.1.2:80')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/)
  })

  it('prints probabilities as iptables-save does (kernel fixed point, %.11f)', () => {
    expect(ruleProbability(3)).toBe('0.3333333333')
    expect(savedProbability(ruleProbability(3)).text).toBe('0.33333333349')
    expect(savedProbability(ruleProbability(2)).text).toBe('0.50000000000')
    expect(savedProbability(ruleProbability(4)).text).toBe('0.25000000000')
  })
})

const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.5.5', type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] } }
const slice = (ips: string[], ready = true) => ({
  metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready, serving: ready, terminating: false } })),
})

describe('rules', () => {
  it('write KUBE-SERVICES, KUBE-NODEPORTS, KUBE-EXT, KUBE-SVC with probabilities and KUBE-SEP DNAT', () => {
    const t = buildTable([svc as never], [slice(['10.244.2.3', '10.244.1.2', '10.244.1.7']) as never])
    const nat = saveLines(iptablesRules(t), 'nat')
    const svcChain = servicePortChainName('default/web', 'TCP')
    expect(nat).toContain(`-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${svcChain}`)
    expect(nat).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment default/web -m tcp --dport 30080 -j KUBE-EXT-${svcChain.slice(9)}`)
    const jumps = nat.filter((l) => l.startsWith(`-A ${svcChain} -m comment`))
    // Endpoints sorted by ip:port; each but the last taken with probability 1/(n-i).
    expect(jumps.map((l) => /--comment "default\/web -> ([^"]+)"/.exec(l)![1])).toEqual(['10.244.1.2:8080', '10.244.1.7:8080', '10.244.2.3:8080'])
    expect(jumps[0]).toContain('-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-')
    expect(jumps[1]).toContain('--probability 0.50000000000')
    expect(jumps[2]).not.toContain('statistic')
    const sep = servicePortEndpointChainName('default/web', 'TCP', '10.244.1.2:8080')
    expect(nat).toContain(`-A ${sep} -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.1.2:8080`)
    expect(nat).toContain(`-A ${sep} -s 10.244.1.2/32 -m comment --comment default/web -j KUBE-MARK-MASQ`)
  })

  it('reject a Service without ready endpoints in the filter table', () => {
    const t = buildTable([svc as never], [slice(['10.244.2.3'], false) as never])
    const filter = saveLines(iptablesRules(t), 'filter')
    expect(filter).toContain('-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable')
  })

  it('list IPVS virtual and real servers as ipvsadm -Ln', () => {
    const t = buildTable([svc as never], [slice(['10.244.1.2']) as never])
    expect(ipvsadmList(virtualServers(t, '172.18.0.2'))).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'TCP  10.96.5.5:80 rr\n  -> 10.244.1.2:8080              Masq    1      0          0         \n' +
        'TCP  172.18.0.2:30080 rr\n  -> 10.244.1.2:8080              Masq    1      0          0         \n',
    )
  })
})
