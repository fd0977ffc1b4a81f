/**
 * The differential suite's corpus (server/diff.test.ts): each command runs with the real kubectl
 * against the served engine and with the engine's own kubectl against the same state, and both
 * must print the same bytes. Entries run in order; each command's effect (the engine side's)
 * carries on to the next, and `setup` steps run before an entry without being compared.
 *
 * In a command, `{{pod app=web}}` stands for the name of the first pod with that label.
 */


/** One compared command. */
export interface DiffCase {
  /** Steps run (engine kubectl) and settled before the command, not compared. */
  setup?: (string | { cmd: string; stdin: string })[]
  /** The command line, without the leading `kubectl`. */
  cmd: string
  stdin?: string
  /**
   * The served clock runs (fast) while the real kubectl runs: commands that wait for the
   * cluster to move (`delete` of a pod with a grace period, `drain`). The engine side runs the
   * same virtual time itself.
   */
  live?: boolean
  /**
   * The engine kubectl's command line when it differs: the real kubectl picks the served
   * kubeconfig's `student` context (`--context=student`), the engine's kubectl its `--user=student`.
   */
  sim?: string
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`

/** WEB as `ssa`, one replica, with an env var: its own Deployment for server-side apply. */
const SSA = WEB.replaceAll('web', 'ssa').replace('replicas: 2', 'replicas: 1').replace('        ports:\n', '        env:\n        - name: MODE\n          value: blue\n        ports:\n')

const WEB_SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`

const DB = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:16
        env:
        - name: POSTGRES_PASSWORD
          value: example
`

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do sleep 3600; done"]
`

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo 3.14159"]
`

const CRON = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: ["date"]
`

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    tier: backend
data:
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
stringData:
  password: hunter2
`

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels:
    owner: alice
`

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
`

/** A pod that mounts the claim `data` (describe pvc: Used By). */
const PVC_USER = `apiVersion: v1
kind: Pod
metadata:
  name: data-user
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`

/** A Deployment without a selector and with an invalid name: field errors. */
const INVALID = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Bad_Name
spec:
  replicas: -1
  template:
    metadata:
      labels:
        app: bad
    spec:
      containers:
      - name: c
        image: nginx
`

const UNKNOWN_FIELD = WEB.replace('  replicas: 2\n', '  replicas: 2\n  replica: 3\n')

const UNKNOWN_KIND = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`

/** A ConfigMap with a field ConfigMaps do not have: field validation. */
const CM_UNKNOWN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: odd
colour: blue
data:
  a: "1"
`

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels:
    app: solo
spec:
  containers:
  - name: main
    image: nginx:1.27
`

/** Every served kind, for `get`. */
const KINDS = [
  'pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'services', 'endpoints', 'endpointslices', 'configmaps',
  'secrets', 'serviceaccounts', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'storageclasses', 'events', 'leases',
  'controllerrevisions', 'replicationcontrollers', 'limitranges', 'resourcequotas', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings',
]

export const CORPUS: DiffCase[] = [
  // apply: created, unchanged, configured; create from a file; errors.
  { cmd: 'apply -f -', stdin: WEB },
  { cmd: 'apply -f -', stdin: WEB },
  { cmd: 'apply -f -', stdin: WEB.replace('replicas: 2', 'replicas: 3') },
  { cmd: 'apply -f -', stdin: WEB_SVC },
  { cmd: 'apply -f -', stdin: DB },
  { cmd: 'apply -f -', stdin: AGENT },
  { cmd: 'apply -f -', stdin: JOB },
  { cmd: 'apply -f -', stdin: CRON },
  { cmd: 'apply -f -', stdin: CONFIG },
  { cmd: 'apply -f -', stdin: NS },
  { cmd: 'apply -f -', stdin: PVC },
  { cmd: 'create -f -', stdin: POD },
  { cmd: 'create -f -', stdin: POD },
  { cmd: 'apply -f -', stdin: INVALID },
  { cmd: 'apply -f -', stdin: UNKNOWN_FIELD },
  { cmd: 'apply -f - --validate=false', stdin: UNKNOWN_KIND },
  { cmd: 'apply -f - --dry-run=server', stdin: WEB.replace('replicas: 3', 'replicas: 5') },
  { cmd: 'apply -f - --dry-run=client -o yaml', stdin: POD.replace('name: solo', 'name: solo2') },

  // get: every served kind as a table, wide, names; formats and selectors.
  ...KINDS.map((k) => ({ cmd: `get ${k} -A` })),
  ...KINDS.map((k) => ({ cmd: `get ${k} -A -o wide` })),
  ...KINDS.map((k) => ({ cmd: `get ${k} -A -o name` })),
  ...KINDS.map((k) => ({ cmd: `get ${k} -A -o yaml` })),
  ...KINDS.map((k) => ({ cmd: `get ${k} -A -o json` })),
  { cmd: 'get deployment web -o yaml' },
  { cmd: 'get deployment web -o json' },
  { cmd: 'get service web -o yaml' },
  { cmd: 'get configmap settings -o json' },
  { cmd: 'get pod solo -o yaml' },
  { cmd: 'get nodes -o jsonpath={.items[*].metadata.name}' },
  { cmd: "get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'" },
  { cmd: 'get deployment web -o jsonpath={.spec.template.spec.containers[0].image}' },
  { cmd: 'get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[*].image' },
  { cmd: 'get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu' },
  { cmd: 'get pods --show-labels' },
  { cmd: 'get deployments,services --show-labels' },
  { cmd: 'get pods -L app' },
  { cmd: 'get pods -l app=web' },
  { cmd: 'get pods -l app=nothing' },
  { cmd: 'get pods -l app=nothing -o name' },
  { cmd: 'get pods -l app=nothing -o jsonpath={.items[*].metadata.name}' },
  { cmd: 'get pods -l app=nothing -o custom-columns=NAME:.metadata.name' },
  { cmd: 'get pods -l "app in (web,db)" -o wide' },
  { cmd: 'get pods --field-selector status.phase=Running' },
  { cmd: 'get pods -A --field-selector spec.nodeName=node-1' },
  { cmd: 'get pods --field-selector metadata.name=solo' },
  { cmd: 'get events --field-selector involvedObject.kind=Deployment' },
  { cmd: 'get pods --field-selector spec.foo=bar' },
  { cmd: 'get deployments --field-selector status.replicas=3' },
  { cmd: 'get pods -n kube-system' },
  { cmd: 'get all' },
  { cmd: 'get all -n team-a' },
  { cmd: 'get ns team-a --show-labels' },
  { cmd: 'get deploy,rs,po -l app=web' },
  { cmd: 'get deployment web --no-headers' },
  { cmd: 'get pods --sort-by=.metadata.name' },

  // describe.
  { cmd: 'describe pod solo' },
  { cmd: 'describe pod {{pod app=web}}' },
  { cmd: 'describe deployment web' },
  { cmd: 'describe replicaset -l app=web' },
  { cmd: 'describe node node-1' },
  { cmd: 'describe service web' },
  { cmd: 'describe namespace team-a' },
  { cmd: 'describe statefulset db' },
  { cmd: 'describe daemonset agent -n kube-system' },
  { cmd: 'describe job pi' },
  { cmd: 'describe cronjob report' },
  { cmd: 'describe configmap settings' },
  { cmd: 'describe secret creds' },
  { cmd: 'describe pvc data' },
  { setup: [{ cmd: 'apply -f -', stdin: PVC_USER }], cmd: 'describe pvc data' },

  // scale, rollout, set image.
  { cmd: 'scale deployment web --replicas=4' },
  { cmd: 'scale statefulset db --replicas=3' },
  { cmd: 'rollout status deployment/web' },
  { cmd: 'set image deployment/web nginx=nginx:1.28' },
  { cmd: 'rollout status deployment/web' },
  { cmd: 'rollout history deployment/web' },
  { cmd: 'rollout history deployment/web --revision=2' },
  { cmd: 'rollout undo deployment/web' },
  { cmd: 'rollout restart deployment/web' },
  { cmd: 'rollout status statefulset/db' },
  { cmd: 'rollout status daemonset/agent -n kube-system' },
  { cmd: 'rollout history deployment/nope' },
  { cmd: 'set image deployment/web nope=nginx:1' },

  // logs, label, annotate.
  { cmd: 'logs solo' },
  { cmd: 'logs job/pi' },
  { cmd: 'logs solo --tail=1' },
  { cmd: 'logs nope' },
  { cmd: 'label pod solo tier=front' },
  { cmd: 'label pod solo tier=back' },
  { cmd: 'label pod solo tier=back --overwrite' },
  { cmd: 'label pod solo tier-' },
  { cmd: 'annotate deployment web note=hello' },
  { cmd: 'annotate deployment web note-' },
  { cmd: 'label nodes node-2 disk=ssd' },

  // nodes: cordon, taint, drain.
  { cmd: 'cordon node-3' },
  { cmd: 'cordon node-3' },
  { cmd: 'uncordon node-3' },
  { cmd: 'taint nodes node-2 dedicated=db:NoSchedule' },
  { cmd: 'taint nodes node-2 dedicated=db:NoSchedule' },
  { cmd: 'taint nodes node-2 dedicated:NoSchedule-' },
  { cmd: 'drain node-3 --ignore-daemonsets --delete-emptydir-data --force --pod-selector=app=nothing', live: true },
  { cmd: 'uncordon node-3' },

  // wait, auth can-i.
  { cmd: 'wait --for=condition=Available deployment/web' },
  { cmd: 'wait --for=condition=complete job/pi' },
  { cmd: 'wait --for=delete pod/nope --timeout=1s' },
  { cmd: 'auth can-i create pods' },
  { cmd: 'auth can-i delete nodes --as=someone' },
  { cmd: 'auth can-i list secrets -n kube-system --as=system:serviceaccount:default:default' },

  // create, expose.
  { cmd: 'create deployment api --image=nginx:1.27 --replicas=2' },
  { cmd: 'create deployment api --image=nginx:1.27' },
  { cmd: 'create namespace team-b' },
  { cmd: 'create namespace team-b' },
  { cmd: 'create configmap app-config --from-literal=a=1 --from-literal=b=2' },
  { cmd: 'create secret generic token --from-literal=t=abc' },
  { cmd: 'create serviceaccount robot' },
  { cmd: 'create job once --image=busybox:1.36 -- echo hi' },
  { cmd: 'create cronjob nightly --image=busybox:1.36 --schedule="0 1 * * *" -- echo hi' },
  { cmd: 'create role reader --verb=get,list --resource=pods' },
  { cmd: 'create rolebinding reader --role=reader --user=bob' },
  { cmd: 'create deployment api2 --image=nginx --dry-run=client -o yaml' },
  { cmd: 'expose deployment api --port=80 --target-port=8080' },
  { cmd: 'expose deployment api --port=80' },
  { cmd: 'expose deployment web --port=8080 --name=web-np --type=NodePort' },
  { cmd: 'run tmp --image=busybox:1.36 --restart=Never -- sleep 60' },

  // delete: grace period, cascade, not found.
  { cmd: 'delete pod solo --grace-period=0 --force', live: true },
  { cmd: 'delete deployment api' },
  { cmd: 'delete deployment api' },
  { cmd: 'delete deployment api --ignore-not-found' },
  { cmd: 'delete service api web-np' },
  { cmd: 'delete deployment api --cascade=orphan', setup: ['create deployment api --image=nginx:1.27'], live: true },
  { cmd: 'delete job pi --cascade=foreground', live: true },
  { cmd: 'delete namespace team-b', live: true },

  // errors: not found, unknown kinds, bad flags, forbidden.
  { cmd: 'get pod nope' },
  { cmd: 'get pods nope other' },
  { cmd: 'describe deployment nope' },
  { cmd: 'scale deployment nope --replicas=1' },
  { cmd: 'get widgets' },
  { cmd: 'get pods --bogus' },
  { cmd: 'get pods -o wat' },
  { cmd: 'scale deployment web' },
  { cmd: 'get pods --as=someone' },
  { cmd: 'delete deployment web --as=someone' },
  { cmd: 'create namespace x --as=someone' },
  { cmd: 'get nodes --as=someone' },
  { cmd: 'get pods -n nowhere' },
  { cmd: 'apply -f -', stdin: '' },
  { cmd: 'create -f -', stdin: INVALID },
  { cmd: 'rollout undo deployment/web --to-revision=99' },
  { cmd: 'delete pod' },
  { cmd: 'logs deployment/web' },
  { cmd: 'get deployment web -o jsonpath={.spec.nope}' },

  // field selectors: each kind's own field labels, anything else a 400 with that kind's message.
  { cmd: 'get nodes --field-selector spec.unschedulable=false' },
  { cmd: 'get nodes --field-selector metadata.namespace=default' },
  { cmd: 'get namespaces --field-selector status.phase=Active' },
  { cmd: 'get services -A --field-selector spec.type=ClusterIP' },
  { cmd: 'get secrets --field-selector type=Opaque' },
  { cmd: 'get events --field-selector reason=Scheduled,type=Normal' },
  { cmd: 'get jobs --field-selector status.successful=1' },
  { cmd: 'get jobs --field-selector spec.parallelism=1' },
  { cmd: 'get pods -l app=web --field-selector spec.restartPolicy=Always,spec.hostNetwork=false' },
  { cmd: 'get pods --field-selector status.hostIP=172.18.0.2' },

  // field validation: Strict by default, --validate=warn, --validate=false.
  { cmd: 'create -f -', stdin: CM_UNKNOWN },
  { cmd: 'apply -f -', stdin: CM_UNKNOWN },
  { cmd: 'apply -f - --validate=warn', stdin: CM_UNKNOWN },
  { cmd: 'apply -f - --validate=false', stdin: CM_UNKNOWN.replace('colour: blue', 'colour: red').replace('a: "1"', 'a: "2"') },

  // credentials: the kubeconfig's bearer tokens reach the apiserver's authenticators.
  { cmd: '--context=student get pods -n kube-system', sim: '--user=student get pods -n kube-system' },
  { cmd: '--context=student auth can-i create deployments -n dev', sim: '--user=student auth can-i create deployments -n dev' },
  { cmd: '--context=student auth can-i create deployments -n default', sim: '--user=student auth can-i create deployments -n default' },
  { cmd: '--context=student get pods -n default', sim: '--user=student get pods -n default' },
  { cmd: '--context=student delete deployment web -n default', sim: '--user=student delete deployment web -n default' },
  { cmd: '--context=student create configmap c1 -n dev --from-literal=a=1', sim: '--user=student create configmap c1 -n dev --from-literal=a=1' },
  // (The engine's admin has a client certificate, which authenticates before any token; the served admin has a token.)
  { cmd: '--context=student --token=not-a-token get pods -n dev', sim: '--user=student --token=not-a-token get pods -n dev' },

  // server-side apply: field ownership (managedFields, hidden unless asked for), conflicts, --force-conflicts.
  { cmd: 'apply --server-side -f -', stdin: SSA },
  { cmd: 'apply --server-side -f -', stdin: SSA },
  { cmd: 'get deployment ssa -o yaml' },
  { cmd: 'get deployment ssa -o yaml --show-managed-fields' },
  { cmd: 'get pods -l app=ssa -o yaml --show-managed-fields' },
  { cmd: 'scale deployment ssa --replicas=2' },
  { cmd: 'apply --server-side -f -', stdin: SSA },
  { cmd: 'apply --server-side --field-manager=ci -f -', stdin: SSA.replace('nginx:1.27', 'nginx:1.28').replace('value: blue', 'value: green') },
  { cmd: 'apply --server-side --dry-run=server --force-conflicts -f -', stdin: SSA },
  { cmd: 'apply --server-side --force-conflicts -f -', stdin: SSA },
  { cmd: 'get deployment ssa -o json --show-managed-fields' },
  { cmd: 'label deployment ssa tier=web' },
  { cmd: 'apply --server-side --field-manager=ci -f -', stdin: SSA.replace('    app: ssa\nspec', '    app: ssa\n    tier: db\nspec') },
  { cmd: 'apply --server-side -f -', stdin: SSA.replace(/        ports:\n        - containerPort: 80\n/, '') },
  { cmd: 'get deployment ssa -o yaml --show-managed-fields' },
]
