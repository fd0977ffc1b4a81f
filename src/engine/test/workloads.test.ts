/**
 * Workloads and storage end to end through createCluster: a StatefulSet with its volumes, a
 * DaemonSet following the nodes, Jobs that succeed and fail, a CronJob firing, with the names,
 * orders, timings, kubectl columns and event texts of a real 1.33 cluster.
 */
import { describe, expect, it } from 'vitest'
import type { Cluster } from '../index'
import { createCluster } from '../index'

const MYSQL = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  serviceName: mysql
  replicas: 3
  selector:
    matchLabels:
      app: mysql
  template:
    metadata:
      labels:
        app: mysql
    spec:
      containers:
      - name: mysql
        image: mysql:8.4
        env:
        - name: MYSQL_ROOT_PASSWORD
          value: secret
        volumeMounts:
        - name: mysql-data
          mountPath: /var/lib/mysql
  volumeClaimTemplates:
  - metadata:
      name: mysql-data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`

const FLUENTD = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
      - name: fluentd
        image: nginx:1.27
`

function job(name: string, extra: string, command: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.37
        command: ["sh", "-c", "${command}"]
`
}

type Obj = { metadata: { name: string; creationTimestamp: string; deletionTimestamp?: string; labels?: Record<string, string> }; spec: Record<string, never>; status: Record<string, never> }

function get(c: Cluster, what: string): Obj[] {
  return JSON.parse(c.kubectl(`get ${what} -o json`).stdout).items
}

function eventsOf(c: Cluster, kind: string, name: string): string[] {
  return get(c, 'events')
    .filter((e) => (e as unknown as { involvedObject: { kind: string; name: string } }).involvedObject.kind === kind && (e as unknown as { involvedObject: { name: string } }).involvedObject.name === name)
    .map((e) => `${(e as unknown as { reason: string }).reason}: ${(e as unknown as { message: string }).message}`)
}

/** Runs the cluster in 1 s steps, calling `look` after each, until `done` or `maxMs`. */
function watch(c: Cluster, look: () => void, done: () => boolean, maxMs = 300_000): void {
  for (let t = 0; t < maxMs && !done(); t += 1000) {
    c.advance(1000)
    look()
  }
}

describe('StatefulSet mysql', () => {
  it('starts mysql-0, -1, -2 in order, each after the one before is Running and Ready, each with its own bound claim', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    expect(c.kubectl('apply -f -', MYSQL).stdout).toBe('statefulset.apps/mysql created\n')
    // What exists at each moment: never a pod while an earlier one is not ready.
    const seen: string[] = []
    watch(
      c,
      () => {
        const pods = get(c, 'pods').map((p) => `${p.metadata.name}:${(p.status as { conditions?: { type: string; status: string }[] }).conditions?.find((x) => x.type === 'Ready')?.status ?? '-'}`)
        const line = pods.join(' ')
        if (seen[seen.length - 1] !== line) seen.push(line)
      },
      () => c.kubectl('get sts mysql -o jsonpath={.status.readyReplicas}').stdout === '3',
    )
    for (const line of seen) {
      const ready = line.split(' ').filter(Boolean).map((x) => x.split(':'))
      // Every pod but the newest is ready.
      ready.slice(0, -1).forEach(([, r]) => expect(r).toBe('True'))
      expect(ready.map(([n]) => n)).toEqual(['mysql-0', 'mysql-1', 'mysql-2'].slice(0, ready.length))
    }
    expect(eventsOf(c, 'StatefulSet', 'mysql')).toEqual([
      'SuccessfulCreate: create Claim mysql-data-mysql-0 Pod mysql-0 in StatefulSet mysql success',
      'SuccessfulCreate: create Pod mysql-0 in StatefulSet mysql successful',
      'SuccessfulCreate: create Claim mysql-data-mysql-1 Pod mysql-1 in StatefulSet mysql success',
      'SuccessfulCreate: create Pod mysql-1 in StatefulSet mysql successful',
      'SuccessfulCreate: create Claim mysql-data-mysql-2 Pod mysql-2 in StatefulSet mysql success',
      'SuccessfulCreate: create Pod mysql-2 in StatefulSet mysql successful',
    ])
    const pvcs = c.kubectl('get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,CLASS:.spec.storageClassName,VOLUME:.spec.volumeName').stdout.trim().split('\n').slice(1)
    expect(pvcs.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['mysql-data-mysql-0 Bound standard', 'mysql-data-mysql-1 Bound standard', 'mysql-data-mysql-2 Bound standard'])
    for (const l of pvcs) expect(l.split(/\s+/)[3]).toMatch(/^pvc-[0-9a-f-]{36}$/)
    const pod0 = get(c, 'pods')[0] as unknown as { metadata: { labels: Record<string, string> }; spec: { hostname: string; subdomain: string; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } }
    expect(pod0.metadata.labels['statefulset.kubernetes.io/pod-name']).toBe('mysql-0')
    expect(pod0.metadata.labels['apps.kubernetes.io/pod-index']).toBe('0')
    expect(pod0.metadata.labels['controller-revision-hash']).toMatch(/^mysql-[4-9bcdf]+$/)
    expect(pod0.spec.hostname).toBe('mysql-0')
    expect(pod0.spec.subdomain).toBe('mysql')
    expect(pod0.spec.volumes[0]).toEqual({ name: 'mysql-data', persistentVolumeClaim: { claimName: 'mysql-data-mysql-0' } })
    expect(eventsOf(c, 'PersistentVolumeClaim', 'mysql-data-mysql-0').map((e) => e.replace(/pvc-[0-9a-f-]+/, 'pvc-…'))).toEqual([
      "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'pd.csi.storage.gke.io' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Provisioning: External provisioner is provisioning volume for claim "default/mysql-data-mysql-0"',
      'ProvisioningSucceeded: Successfully provisioned volume pvc-…',
    ])
    const sts = c.kubectl('get sts mysql -o json').stdout
    const st = JSON.parse(sts).status
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 })
    expect(st.currentRevision).toBe(st.updateRevision)
    expect(c.kubectl('get controllerrevisions -o name').stdout).toBe(`controllerrevision.apps/${st.currentRevision}\n`)
  })

  it('a deleted mysql-1 comes back with the same name and the same volume; scaling to 0 goes 2, 1, 0 and keeps the claims', () => {
    const c = createCluster({ seed: 2, nodes: 3 })
    c.kubectl('apply -f -', MYSQL)
    c.settle()
    const volumeBefore = c.kubectl('get pvc mysql-data-mysql-1 -o jsonpath={.spec.volumeName}').stdout
    const uidBefore = c.kubectl('get pod mysql-1 -o jsonpath={.metadata.uid}').stdout
    expect(c.kubectl('delete pod mysql-1').stdout).toBe('pod "mysql-1" deleted\n')
    c.settle()
    expect(c.kubectl('get pod mysql-1 -o jsonpath={.metadata.uid}').stdout).not.toBe(uidBefore)
    expect(c.kubectl('get pod mysql-1 -o jsonpath={.spec.volumes[0].persistentVolumeClaim.claimName}').stdout).toBe('mysql-data-mysql-1')
    expect(c.kubectl('get pvc mysql-data-mysql-1 -o jsonpath={.spec.volumeName}').stdout).toBe(volumeBefore)
    expect(c.kubectl('get pvc -o name').stdout.split('\n').filter(Boolean)).toHaveLength(3)

    const before = eventsOf(c, 'StatefulSet', 'mysql').length
    expect(c.kubectl('scale sts mysql --replicas=0').stdout).toBe('statefulset.apps/mysql scaled\n')
    // One at a time: while mysql-2 terminates, mysql-1 is untouched.
    c.advance(1500)
    const names = get(c, 'pods').map((p) => `${p.metadata.name}${p.metadata.deletionTimestamp ? ':terminating' : ''}`)
    expect(names).toEqual(['mysql-0', 'mysql-1', 'mysql-2:terminating'])
    c.settle()
    expect(eventsOf(c, 'StatefulSet', 'mysql').slice(before)).toEqual([
      'SuccessfulDelete: delete Pod mysql-2 in StatefulSet mysql successful',
      'SuccessfulDelete: delete Pod mysql-1 in StatefulSet mysql successful',
      'SuccessfulDelete: delete Pod mysql-0 in StatefulSet mysql successful',
    ])
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
    expect(c.kubectl('get pvc -o name').stdout).toBe('persistentvolumeclaim/mysql-data-mysql-0\npersistentvolumeclaim/mysql-data-mysql-1\npersistentvolumeclaim/mysql-data-mysql-2\n')
    expect(c.kubectl('get sts mysql').stdout).toMatch(/^NAME    READY   AGE\nmysql   0\/0     \d+m?\d*s?\n$/)
  })

  it('rolls a new template out from the highest ordinal down, and undo goes back to the first revision', () => {
    const c = createCluster({ seed: 3, nodes: 3 })
    c.kubectl('apply -f -', MYSQL.replace('mysql:8.4', 'nginx:1.27').replace(/        env:\n.*\n.*\n/, ''))
    c.settle()
    const before = eventsOf(c, 'StatefulSet', 'mysql').length
    c.kubectl('set image sts/mysql mysql=nginx:1.28')
    const out = c.kubectl('rollout status sts/mysql')
    expect(out.stdout.split('\n').filter(Boolean).pop()).toMatch(/^partitioned roll out complete: 3 new pods have been updated\.\.\.$/)
    expect(eventsOf(c, 'StatefulSet', 'mysql').slice(before).filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([
      'SuccessfulDelete: delete Pod mysql-2 in StatefulSet mysql successful',
      'SuccessfulDelete: delete Pod mysql-1 in StatefulSet mysql successful',
      'SuccessfulDelete: delete Pod mysql-0 in StatefulSet mysql successful',
    ])
    expect(c.kubectl('rollout history sts/mysql').stdout).toBe('statefulset.apps/mysql \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(c.kubectl('rollout undo sts/mysql').stdout).toBe('statefulset.apps/mysql rolled back\n')
    c.settle()
    expect(c.kubectl('get pods -o jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.27 nginx:1.27 nginx:1.27')
    expect(c.kubectl('rollout history sts/mysql').stdout).toBe('statefulset.apps/mysql \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
  })
})

describe('DaemonSet', () => {
  it('runs one pod per node, adds one for a new node and loses the one of a removed node', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    expect(c.kubectl('apply -f -', FLUENTD).stdout).toBe('daemonset.apps/fluentd created\n')
    c.settle()
    const nodesOf = () => get(c, 'pods').map((p) => (p.spec as unknown as { nodeName: string }).nodeName).sort()
    expect(nodesOf()).toEqual(['node-1', 'node-2', 'node-3'])
    expect(c.kubectl('get ds fluentd').stdout).toMatch(/^NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nfluentd   3         3         3       3            3           <none>          \d+s\n$/)
    const pod = get(c, 'pods')[0] as unknown as { metadata: { labels: Record<string, string> }; spec: { nodeName: string; affinity: unknown; tolerations: { key: string; effect: string; tolerationSeconds?: number }[] } }
    expect(pod.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }] }] } } })
    expect(pod.spec.tolerations.map((t) => `${t.key}:${t.effect}${t.tolerationSeconds ? `:${t.tolerationSeconds}` : ''}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ])
    expect(pod.metadata.labels['pod-template-generation']).toBe('1')
    expect(pod.metadata.labels['controller-revision-hash']).toMatch(/^[4-9bcdf]+$/)

    c.addNode({ name: 'node-4' })
    c.settle()
    expect(nodesOf()).toEqual(['node-1', 'node-2', 'node-3', 'node-4'])
    c.removeNode('node-2')
    c.advance(45_000)
    c.settle()
    expect(nodesOf()).toEqual(['node-1', 'node-3', 'node-4'])
    expect(JSON.parse(c.kubectl('get ds fluentd -o json').stdout).status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0 })
  })

  it('skips a tainted node and a node its nodeSelector does not match', () => {
    const c = createCluster({ seed: 1, nodes: [{ name: 'node-1', labels: { disk: 'ssd' } }, { name: 'node-2', labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, { name: 'node-3' }] })
    c.kubectl('apply -f -', FLUENTD.replace('    spec:\n      containers:', '    spec:\n      nodeSelector:\n        disk: ssd\n      containers:'))
    c.settle()
    expect(get(c, 'pods').map((p) => (p.spec as unknown as { nodeName: string }).nodeName)).toEqual(['node-1'])
  })

  it('rolls out node by node (maxUnavailable 1) and rolls back with undo', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    c.kubectl('apply -f -', FLUENTD)
    c.settle()
    c.kubectl('set image ds/fluentd fluentd=nginx:1.28')
    c.advance(10)
    let maxDown = 0
    watch(
      c,
      () => {
        const ready = get(c, 'pods').filter((p) => !p.metadata.deletionTimestamp && (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length
        maxDown = Math.max(maxDown, 3 - ready)
      },
      () => c.kubectl('get ds fluentd -o jsonpath={.status.observedGeneration}/{.status.updatedNumberScheduled}/{.status.numberAvailable}').stdout === '2/3/3',
    )
    expect(maxDown).toBe(1)
    expect(c.kubectl('rollout history ds/fluentd').stdout).toBe('daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(c.kubectl('rollout undo ds/fluentd').stdout).toBe('daemonset.apps/fluentd rolled back\n')
    c.settle()
    expect(c.kubectl('get pods -o jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.27 nginx:1.27 nginx:1.27')
  })
})

describe('Job', () => {
  it('completions 3, parallelism 2: at most two pods at a time, three successes, then Complete', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    expect(c.kubectl('apply -f -', job('pi', '  completions: 3\n  parallelism: 2\n', 'sleep 5')).stdout).toBe('job.batch/pi created\n')
    let maxActive = 0
    watch(
      c,
      () => {
        maxActive = Math.max(maxActive, get(c, 'pods').filter((p) => !['Succeeded', 'Failed'].includes((p.status as unknown as { phase: string }).phase)).length)
      },
      () => c.kubectl('get job pi -o jsonpath={.status.succeeded}').stdout === '3',
    )
    c.settle()
    expect(maxActive).toBe(2)
    expect(c.kubectl('get job pi').stdout).toMatch(/^NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   3\/3           1\ds        1\ds\n$/)
    const j = JSON.parse(c.kubectl('get job pi -o json').stdout)
    expect(j.status.conditions.map((x: { type: string; reason: string; message: string }) => `${x.type} ${x.reason} ${x.message}`)).toEqual([
      'SuccessCriteriaMet CompletionsReached Reached expected number of succeeded pods',
      'Complete CompletionsReached Reached expected number of succeeded pods',
    ])
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} })
    expect(j.status.active).toBeUndefined()
    const pods = get(c, 'pods')
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(p.metadata.labels!['batch.kubernetes.io/job-name']).toBe('pi')
      expect(p.metadata.labels!['controller-uid']).toBe(j.metadata.uid)
      expect((p.metadata as { finalizers?: string[] }).finalizers).toBeUndefined()
    }
    const ev = eventsOf(c, 'Job', 'pi')
    expect(ev.filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(3)
    expect(ev[ev.length - 1]).toBe('Completed: Job completed')
  })

  it('a failing job is retried with back-off (10 s, 20 s) until backoffLimit, then FailureTarget and Failed', () => {
    const c = createCluster({ seed: 1, nodes: 3 })
    c.kubectl('apply -f -', job('fail', '  backoffLimit: 2\n', 'exit 1'))
    c.advance(120_000)
    c.settle()
    const pods = get(c, 'pods').sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1))
    expect(pods).toHaveLength(3)
    const created = pods.map((p) => Date.parse(p.metadata.creationTimestamp) / 1000)
    const finished = pods.map((p) => Date.parse((p.status as unknown as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0].state.terminated.finishedAt) / 1000)
    expect(created[1] - finished[0]).toBeGreaterThanOrEqual(10)
    expect(created[1] - finished[0]).toBeLessThan(12)
    expect(created[2] - finished[1]).toBeGreaterThanOrEqual(20)
    expect(created[2] - finished[1]).toBeLessThan(22)
    const j = JSON.parse(c.kubectl('get job fail -o json').stdout)
    expect(j.status.failed).toBe(3)
    expect(j.status.conditions.map((x: { type: string; reason: string; message: string }) => `${x.type} ${x.reason} ${x.message}`)).toEqual([
      'FailureTarget BackoffLimitExceeded Job has reached the specified backoff limit',
      'Failed BackoffLimitExceeded Job has reached the specified backoff limit',
    ])
    expect(eventsOf(c, 'Job', 'fail').pop()).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit')
    expect(c.kubectl('get job fail').stdout).toMatch(/^NAME   STATUS   COMPLETIONS   DURATION   AGE\nfail   Failed   0\/1           \d+m?\d*s?\s+\d+m?\d*s?\n$/)
  })

  it('activeDeadlineSeconds fails a job that runs too long, and ttlSecondsAfterFinished deletes it', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl('apply -f -', job('slow', '  activeDeadlineSeconds: 20\n  ttlSecondsAfterFinished: 30\n', 'sleep 300'))
    c.advance(25_000)
    const j = JSON.parse(c.kubectl('get job slow -o json').stdout)
    expect(j.status.conditions[0]).toMatchObject({ type: 'FailureTarget', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' })
    c.advance(60_000)
    c.settle()
    expect(c.kubectl('get job slow').stderr).toBe('Error from server (NotFound): jobs.batch "slow" not found\n')
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
  })

  it('kubectl create job builds what kubectl 1.33 builds', () => {
    const c = createCluster({ seed: 1, nodes: 1 })
    expect(c.kubectl("create job x --image=busybox --dry-run=client -o yaml -- sh -c 'echo hi'").stdout).toBe(`apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: x
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - sh
        - -c
        - echo hi
        image: busybox
        name: x
        resources: {}
      restartPolicy: Never
status: {}
`)
    expect(c.kubectl('create job x').stderr).toBe('error: either --image or --from must be specified\n')
    expect(c.kubectl('create cronjob x --image=busybox').stderr).toBe('error: required flag(s) "schedule" not set\n')
  })
})

describe('CronJob', () => {
  it('"0 1 * * *" creates hello-<minutes> at 01:00 when a day of virtual time passes', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    expect(c.kubectl("create cronjob hello --image=busybox:1.37 --schedule='0 1 * * *' -- date").stdout).toBe('cronjob.batch/hello created\n')
    c.settle()
    expect(c.kubectl('get jobs').stderr).toBe('No resources found in default namespace.\n')
    c.advance(24 * 3600 * 1000)
    const minutes = Date.UTC(2025, 0, 7, 1, 0) / 60_000
    expect(c.kubectl('get jobs -o name').stdout).toBe(`job.batch/hello-${minutes}\n`)
    const cj = JSON.parse(c.kubectl('get cronjob hello -o json').stdout)
    expect(cj.status.lastScheduleTime).toBe('2025-01-07T01:00:00Z')
    expect(cj.status.lastSuccessfulTime).toMatch(/^2025-01-07T01:00:\d\dZ$/)
    expect(eventsOf(c, 'CronJob', 'hello')).toEqual([`SuccessfulCreate: Created job hello-${minutes}`, `SawCompletedJob: Saw completed job: hello-${minutes}, condition: Complete`])
    const j = JSON.parse(c.kubectl(`get job hello-${minutes} -o json`).stdout)
    expect(j.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-07T01:00:00Z')
    expect(j.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true })
  })

  it('keeps 3 successful jobs, and Forbid skips a run while one is active', () => {
    const c = createCluster({ seed: 1, nodes: 2 })
    c.kubectl("create cronjob tick --image=busybox:1.37 --schedule='*/1 * * * *' -- date")
    c.advance(6 * 60_000)
    c.settle()
    expect(c.kubectl('get jobs -o name').stdout.split('\n').filter(Boolean)).toHaveLength(3)
    expect(eventsOf(c, 'CronJob', 'tick').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(2)

    c.kubectl('apply -f -', `apiVersion: batch/v1
kind: CronJob
metadata:
  name: slow
spec:
  schedule: "*/1 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: slow
            image: busybox:1.37
            command: ["sleep", "150"]
`)
    c.advance(3 * 60_000)
    expect(eventsOf(c, 'CronJob', 'slow').some((e) => e === 'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid')).toBe(true)
  })
})
