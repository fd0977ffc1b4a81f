/**
 * Example manifests to start from: the objects the seed notes walk through (a Pod, a Pod with a
 * sidecar, a ReplicationController, a ReplicaSet with set-based selectors, a Deployment, a
 * Service, the php-nginx Deployment + LoadBalancer Service of the seeds' flow 1, a StatefulSet with
 * its headless Service, a DaemonSet, a Job, a CronJob).
 */
import { NGINX_POD } from '../state/store'
import type { MessageKey } from '../i18n'

export interface Example {
  /** Also the option's value (tests pick examples by it). */
  name: string
  /** The name shown, when it needs translating (most are Kubernetes kinds, the same in every language). */
  label?: MessageKey
  file: string
  text: string
}

export const EXAMPLES: Example[] = [
  { name: 'Pod (nginx)', file: 'pod.yaml', text: NGINX_POD },
  {
    name: 'Pod with a sidecar',
    label: 'editor.exampleSidecar',
    file: 'sidecar-pod.yaml',
    text: `apiVersion: v1
kind: Pod
metadata:
  name: web-app
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  - name: sidecar-sync
    image: alpine/git
    command: ["sh", "-c", "while true; do git -C /data pull; sleep 60; done"]
    volumeMounts:
    - name: html
      mountPath: /data
`,
  },
  {
    name: 'ReplicationController',
    file: 'rc.yaml',
    text: `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx-rc
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`,
  },
  {
    name: 'ReplicaSet',
    file: 'replicaset.yaml',
    text: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: nginx-rs
spec:
  replicas: 3
  selector:
    matchExpressions:
    - key: tier
      operator: In
      values: [frontend, api]
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`,
  },
  {
    name: 'Deployment',
    file: 'deployment.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
        image: nginx:1.26
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
`,
  },
  {
    name: 'Service (LoadBalancer)',
    file: 'service.yaml',
    text: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  },
  {
    name: 'Deployment + Service (php-nginx)',
    file: 'php-nginx.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-nginx
  labels:
    app: php-nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: php-nginx
  template:
    metadata:
      labels:
        app: php-nginx
    spec:
      containers:
      - name: php-fpm
        image: php:8.2-fpm
        ports:
        - containerPort: 9000
      - name: nginx
        image: nginx:latest
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: php-nginx-service
spec:
  type: LoadBalancer
  selector:
    app: php-nginx
  ports:
  - port: 80
    targetPort: 80
`,
  },
  {
    name: 'StatefulSet (mysql)',
    file: 'statefulset.yaml',
    text: `# The headless Service gives each pod a stable DNS name: mysql-0.mysql.default.svc.cluster.local
apiVersion: v1
kind: Service
metadata:
  name: mysql
spec:
  clusterIP: None
  selector:
    app: mysql
  ports:
  - port: 3306
---
apiVersion: apps/v1
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
        image: mysql:8.0
        env:
        - name: MYSQL_ROOT_PASSWORD
          value: change-me
        ports:
        - containerPort: 3306
        volumeMounts:
        - name: mysql-data
          mountPath: /var/lib/mysql
  volumeClaimTemplates:
  - metadata:
      name: mysql-data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`,
  },
  {
    name: 'DaemonSet (fluentd)',
    file: 'daemonset.yaml',
    text: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-logger
spec:
  selector:
    matchLabels:
      name: node-logger
  template:
    metadata:
      labels:
        name: node-logger
    spec:
      containers:
      - name: fluentd
        image: fluent/fluentd:v1.17-1
`,
  },
  {
    name: 'Job',
    file: 'job.yaml',
    text: `apiVersion: batch/v1
kind: Job
metadata:
  name: data-migration
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox:1.36
        command: ["sh", "-c", "echo migrating; sleep 5"]
`,
  },
  {
    name: 'CronJob',
    file: 'cronjob.yaml',
    text: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup-db
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: busybox:1.36
            command: ["sh", "-c", "echo backup"]
`,
  },
]
