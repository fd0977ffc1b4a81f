/**
 * Configuration and security end to end: ConfigMaps and Secrets consumed as env, envFrom and
 * volumes; namespaces' lifecycle; service accounts; RBAC with `kubectl auth can-i` and `--as`;
 * LimitRanger and ResourceQuota admission. Texts as the real kubelet, apiserver and kubectl 1.33.
 */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'

const APP = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: settings
          key: color
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: creds
          key: password
    - name: GREETING
      value: "color is $(COLOR)"
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    envFrom:
    - configMapRef:
        name: settings
      prefix: CFG_
    volumeMounts:
    - name: config
      mountPath: /etc/settings
    - name: secret
      mountPath: /etc/creds
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: settings
  - name: secret
    secret:
      secretName: creds
`

function containerState(c: ReturnType<typeof createCluster>, pod: string) {
  return JSON.parse(c.kubectl(`get pod ${pod} -o json`).stdout).status.containerStatuses?.[0]?.state
}

describe('ConfigMaps and Secrets', () => {
  it('kubectl create secret generic stores base64 data; stringData is folded into data', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('create secret generic creds --from-literal=password=s3cret --from-literal=user=admin').stdout).toBe('secret/creds created\n')
    const s = JSON.parse(c.kubectl('get secret creds -o json').stdout)
    expect(s.data).toEqual({ password: 'czNjcmV0', user: 'YWRtaW4=' })
    expect(s.type).toBe('Opaque')
    c.kubectl('apply -f -', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s2\nstringData:\n  token: héllo\ndata:\n  token: eA==\n  other: eA==\n')
    const s2 = JSON.parse(c.kubectl('get secret s2 -o json').stdout)
    expect(s2.data).toEqual({ token: 'aMOpbGxv', other: 'eA==' })
    expect(s2.stringData).toBeUndefined()
    expect(c.kubectl('create secret generic x --from-literal=a=1 --from-literal=a=2').stderr).toBe('error: cannot add key a, another key by that name already exists\n')
    expect(c.kubectl('create configmap y --from-literal=a=b,c --dry-run=client -o yaml').stdout).toContain('  a: b,c\n')
  })

  it('a pod waits in CreateContainerConfigError until its ConfigMap exists, then starts with env, envFrom and files', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('create secret generic creds --from-literal=password=s3cret')
    c.kubectl('create configmap settings --from-literal=color=blue')
    c.kubectl('apply -f -', APP.replace(/    volumeMounts:[\s\S]*$/, ''))
    c.settle()
    // Everything exists: the environment is resolved.
    const env = c.kubectl('exec app -- env').stdout
    expect(env).toContain('COLOR=blue\n')
    expect(env).toContain('PASSWORD=s3cret\n')
    expect(env).toContain('GREETING=color is blue\n')
    expect(env).toContain('POD_NAME=app\n')
    expect(env).toContain('CFG_color=blue\n')
  })

  it('missing ConfigMap, Secret and key: the real kubelet texts, retried until they appear', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const pod = APP.replace(/    volumeMounts:[\s\S]*$/, '').replace(/    envFrom:[\s\S]*$/, '')
    c.kubectl('apply -f -', pod)
    c.settle()
    expect(containerState(c, 'app')).toEqual({ waiting: { reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' } })
    expect(c.kubectl('get pods').stdout).toMatch(/app    0\/1     CreateContainerConfigError   0          \d+s/)
    expect(c.kubectl('describe pod app').stdout).toContain('Error: configmap "settings" not found')
    c.kubectl('create configmap settings --from-literal=other=x')
    c.advance(15_000)
    expect(containerState(c, 'app').waiting.message).toBe("couldn't find key color in ConfigMap default/settings")
    c.kubectl('delete configmap settings')
    c.kubectl('create configmap settings --from-literal=color=red')
    c.advance(15_000)
    expect(containerState(c, 'app').waiting.message).toBe('secret "creds" not found')
    c.kubectl('create secret generic creds --from-literal=password=pw')
    c.advance(15_000)
    expect(containerState(c, 'app').running).toBeDefined()
    expect(c.kubectl('exec app -- printenv COLOR PASSWORD').stdout).toBe('red\npw\n')
  })

  it('configMap and secret volumes: FailedMount while missing, then the files appear in the container', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('create configmap settings --from-literal=color=blue')
    c.kubectl('apply -f -', APP)
    c.settle()
    expect(c.kubectl('get pod app').stdout).toContain('ContainerCreating')
    expect(c.kubectl('describe pod app').stdout).toContain('MountVolume.SetUp failed for volume "secret" : secret "creds" not found')
    c.kubectl('create secret generic creds --from-literal=password=s3cret')
    c.advance(15_000)
    c.settle()
    expect(c.kubectl('get pod app').stdout).toContain('Running')
    expect(c.kubectl('exec app -- cat /etc/settings/color').stdout).toBe('blue')
    expect(c.kubectl('exec app -- cat /etc/creds/password').stdout).toBe('s3cret')
  })
})

describe('namespaces and service accounts', () => {
  it('every namespace gets a default ServiceAccount and the kube-root-ca.crt ConfigMap, boot hops cleared', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.hops()).toEqual([])
    expect(c.kubectl('get sa -A -o name').stdout.split('\n').filter(Boolean)).toHaveLength(4)
    const cm = JSON.parse(c.kubectl('get cm kube-root-ca.crt -n kube-public -o json').stdout)
    expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
    expect(cm.metadata.annotations['kubernetes.io/description']).toMatch(/^Contains a CA bundle/)
    c.kubectl('create namespace team')
    c.settle()
    expect(c.kubectl('get sa,cm -n team -o name').stdout).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n')
    // Deleted, they come back.
    c.kubectl('delete sa default -n team')
    c.settle()
    expect(c.kubectl('get sa -n team -o name').stdout).toBe('serviceaccount/default\n')
  })

  it('a pod naming a missing ServiceAccount is refused by admission', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    const r = c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  serviceAccountName: foo\n  containers:\n  - name: c\n    image: nginx\n')
    expect(r.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found\n')
    c.kubectl('create sa foo')
    expect(c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  serviceAccountName: foo\n  containers:\n  - name: c\n    image: nginx\n').stdout).toBe('pod/x created\n')
  })

  it('kubectl delete namespace: Terminating with conditions, content deleted, finalizer removed, gone', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('create namespace team')
    c.settle()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2 -n team')
    c.kubectl('create configmap settings --from-literal=a=b -n team')
    c.settle()
    expect(c.kubectl('delete namespace team --wait=false').stdout).toBe('namespace "team" deleted\n')
    expect(c.kubectl('get ns team').stdout).toMatch(/^NAME   STATUS        AGE\nteam   Terminating   \d+s\n$/)
    c.advance(1_000)
    const ns = JSON.parse(c.kubectl('get ns team -o json').stdout)
    expect(ns.status.phase).toBe('Terminating')
    expect(ns.spec.finalizers).toEqual(['kubernetes'])
    expect(ns.status.conditions.map((x: { type: string }) => x.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining',
    ])
    expect(ns.status.conditions[3]).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 2 resource instances' })
    expect(c.kubectl('get cm,deploy -n team').stderr).toBe('No resources found in team namespace.\n')
    expect(c.kubectl('create configmap x -n team').stderr).toBe('Error from server (Forbidden): configmaps "x" is forbidden: unable to create new content in namespace team because it is being terminated\n')
    // kubectl waits until the namespace is gone: the pods' grace period, then the finalizer.
    expect(c.kubectl('delete namespace team').exitCode).toBe(0)
    expect(c.kubectl('get ns team').stderr).toBe('Error from server (NotFound): namespaces "team" not found\n')
    expect(c.kubectl('get pods -n team').stderr).toBe('No resources found in team namespace.\n')
  })
})

describe('RBAC', () => {
  it('components work under Node,RBAC: no request of theirs is forbidden, and the pipeline names the binding', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=3')
    c.kubectl('expose deployment web --port=80')
    c.kubectl('create configmap settings --from-literal=a=b')
    c.kubectl('apply -f -', APP.replace('busybox:1.36', 'nginx:1.27'))
    c.kubectl('create secret generic creds --from-literal=password=x')
    c.kubectl('create job once --image=busybox -- true')
    c.settle()
    c.kubectl('scale deployment web --replicas=1')
    c.kubectl('delete deployment web')
    c.kubectl('create namespace gone')
    c.settle()
    c.kubectl('delete namespace gone')
    c.settle()
    const forbidden = c.hops().filter((h) => h.detail?.http?.status === 403)
    expect(forbidden.map((h) => `${h.to}: ${h.summary}`)).toEqual([])
    const pipelines = c.hops().filter((h) => h.kind === 'response' && h.detail?.pipeline).map((h) => h.detail!.pipeline!.find((s) => s.startsWith('authorization:')))
    expect(pipelines).toContain('authorization: allowed by RBAC: ClusterRoleBinding system:controller:replicaset-controller → ClusterRole system:controller:replicaset-controller')
    expect(pipelines).toContain('authorization: allowed by Node authorizer: node-1 may act on itself and its pods')
    // The kubelet read the app's ConfigMap because a pod on its node uses it.
    expect(c.hops().some((h) => h.from === 'apiserver' && h.to.startsWith('kubelet/') && /ConfigMap settings/.test(c.hops().find((x) => x.id === h.cause)?.summary ?? '') && h.detail?.http?.status === 200)).toBe(true)
  })

  it('kubectl --as and auth can-i follow Roles and RoleBindings', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('--as=student get pods')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "student" cannot list resource "pods" in API group "" in the namespace "default"\n',
      exitCode: 1,
    })
    expect(c.kubectl('get nodes --as=student').stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "student" cannot list resource "nodes" in API group "" at the cluster scope\n')
    expect(c.kubectl('auth can-i create pods')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('auth can-i list pods --as=student')).toEqual({ stdout: 'no\n', stderr: '', exitCode: 1 })
    expect(c.kubectl('auth can-i list nodes --as=student').stderr).toBe("Warning: resource 'nodes' is not namespace scoped\n\n")
    expect(c.kubectl('auth can-i get foo').stderr).toBe("Warning: the server doesn't have a resource type 'foo'\n")
    expect(c.kubectl('auth can-i get').stderr).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n")
    expect(c.kubectl('create role pod-reader --verb=get,list,watch --resource=pods').stdout).toBe('role.rbac.authorization.k8s.io/pod-reader created\n')
    expect(c.kubectl('create rolebinding read-pods --role=pod-reader --user=student').stdout).toBe('rolebinding.rbac.authorization.k8s.io/read-pods created\n')
    expect(c.kubectl('get rolebindings -o wide').stdout).toMatch(/^NAME        ROLE              AGE   USERS     GROUPS   SERVICEACCOUNTS\nread-pods   Role\/pod-reader   \d+s +student            \n$/)
    expect(c.kubectl('auth can-i list pods --as=student')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('auth can-i delete pods --as=student').exitCode).toBe(1)
    expect(c.kubectl('auth can-i list pods --as=student -n kube-system').stdout).toBe('no\n')
    expect(c.kubectl('--as=student get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
    expect(c.kubectl('--as=student run x --image=nginx').stderr).toBe('Error from server (Forbidden): pods is forbidden: User "student" cannot create resource "pods" in API group "" in the namespace "default"\n')
    // A ClusterRole bound cluster-wide: view everywhere.
    c.kubectl('create clusterrolebinding student-view --clusterrole=view --user=student')
    expect(c.kubectl('auth can-i list deployments.apps --as=student -n kube-system').stdout).toBe('yes\n')
    expect(c.kubectl('auth can-i get secrets --as=student').stdout).toBe('no\n')
    // A service account's groups come with impersonation.
    c.kubectl('create rolebinding sa-edit --clusterrole=edit --serviceaccount=default:default')
    expect(c.kubectl('auth can-i create deployments --as=system:serviceaccount:default:default').stdout).toBe('yes\n')
  })

  it('kubectl create role and rolebinding validate as kubectl 1.33 does', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('create role x --verb=get').stderr).toBe('error: at least one resource must be specified\n')
    expect(c.kubectl('create role x --resource=pods').stderr).toBe('error: at least one verb must be specified\n')
    expect(c.kubectl('create role x --verb=get --resource=foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    expect(c.kubectl('create role x --verb=use --resource=pods').stderr).toBe("error: can not perform 'use' on 'pods' in group ''\n")
    expect(c.kubectl('create role x --verb=fly --resource=pods --dry-run=client').stderr).toBe("Warning: 'fly' is not a standard resource verb\n")
    expect(c.kubectl('create clusterrole x --verb=get').stderr).toBe('error: one of resource or nonResourceURL must be specified\n')
    expect(c.kubectl('create rolebinding x').stderr).toBe('error: exactly one of clusterrole or role must be specified\n')
    expect(c.kubectl('create rolebinding x --role=r --serviceaccount=foo').stderr).toBe('error: serviceaccount must be <namespace>:<name>\n')
    expect(c.kubectl('create clusterrolebinding x --user=u').stderr).toBe('error: required flag(s) "clusterrole" not set\n')
    // The generator: one rule per group, groups sorted, short names resolved.
    expect(c.kubectl('create role r --verb=get,get,list --resource=deploy,po,pods/log --resource-name=a --dry-run=client -o yaml').stdout).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: r
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  resources:
  - pods
  - pods/log
  verbs:
  - get
  - list
- apiGroups:
  - apps
  resourceNames:
  - a
  resources:
  - deployments
  verbs:
  - get
  - list
`)
    // Compared with kubectl 1.33 --dry-run=client -o yaml.
    expect(c.kubectl('create rolebinding rb2 --clusterrole=view --group=g1 --serviceaccount=default:sa1 --user=a --user=b --dry-run=client -o yaml').stdout).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  creationTimestamp: null
  name: rb2
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: a
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: b
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: g1
- kind: ServiceAccount
  name: sa1
  namespace: default
`)
  })
})

describe('LimitRanger and ResourceQuota admission', () => {
  const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 256Mi
    defaultRequest:
      cpu: 250m
    max:
      cpu: "1"
`
  it('LimitRanger fills in defaults, annotates the pod, and refuses what exceeds max', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl('apply -f -', LIMITS).stdout).toBe('limitrange/limits created\n')
    const lr = JSON.parse(c.kubectl('get limitrange limits -o json').stdout)
    // SetDefaults_LimitRangeItem: the default request of memory is the default limit.
    expect(lr.spec.limits[0].defaultRequest).toEqual({ cpu: '250m', memory: '256Mi' })
    c.kubectl('run web --image=nginx:1.27')
    const pod = JSON.parse(c.kubectl('get pod web -o json').stdout)
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '256Mi' } })
    expect(pod.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web')
    const created = c.hops().filter((h) => h.to === 'kubectl' && h.detail?.http?.status === 201).pop()!
    expect(created.detail!.pipeline).toContain('mutating admission: LimitRanger: set: cpu, memory request for container web; cpu, memory limit for container web')
    expect(created.detail!.pipeline).toContain('validating admission: LimitRanger: within the min and max of limits')
    const big = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: "2"\n'
    expect(c.kubectl('apply -f -', big).stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n')
  })

  it('ResourceQuota tracks usage in status.used and refuses what exceeds it', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    c.kubectl('apply -f -', 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: small\nspec:\n  hard:\n    pods: "2"\n    requests.cpu: "1"\n    configmaps: "3"\n')
    c.settle()
    const q = () => JSON.parse(c.kubectl('get quota small -o json').stdout).status
    // kube-root-ca.crt already counts.
    expect(q()).toEqual({ hard: { configmaps: '3', pods: '2', 'requests.cpu': '1' }, used: { configmaps: '1', pods: '0', 'requests.cpu': '0' } })
    expect(c.kubectl('run a --image=nginx').stderr).toBe('Error from server (Forbidden): pods "a" is forbidden: failed quota: small: must specify requests.cpu for: a\n')
    const pod = (name: string, cpu: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: ${cpu}\n`
    expect(c.kubectl('apply -f -', pod('a', '600m')).stdout).toBe('pod/a created\n')
    expect(q().used).toEqual({ configmaps: '1', pods: '1', 'requests.cpu': '600m' })
    expect(c.kubectl('apply -f -', pod('b', '500m')).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "b" is forbidden: exceeded quota: small, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1\n',
    )
    expect(c.kubectl('get quota').stdout).toMatch(/^NAME    AGE   REQUEST                                            LIMIT\nsmall   \d+s +configmaps: 1\/3, pods: 1\/2, requests.cpu: 600m\/1   \n$/)
    // Deleting the pod gives its usage back (the quota controller recounts).
    c.kubectl('delete pod a')
    c.settle()
    expect(q().used).toEqual({ configmaps: '1', pods: '0', 'requests.cpu': '0' })
    expect(c.kubectl('apply -f -', pod('b', '500m')).stdout).toBe('pod/b created\n')
  })
})
