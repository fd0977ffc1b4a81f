import { expect, test } from '@playwright/test'
import { Podium } from './podium'

const WEB = `apiVersion: apps/v1
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
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
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
`

test('a Service: the LoadBalancer gets its IP, curl from a pod and from outside, packets across nodes', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(WEB)
  await app.apply('service/web created')

  // The Service shows up with its cluster IP and an external IP still <pending>.
  await app.stepUntil(() => app.service('web').isVisible(), 300)
  await expect(app.service('web')).toHaveAccessibleName(/^Service web: LoadBalancer 10\.\d+\.\d+\.\d+, external IP <pending>, 0 ready endpoints$/)
  await app.screenshot('service-pending')

  // Time passes: the pods become ready, the cloud-controller-manager writes the load balancer's IP back.
  await app.button('Skip to end').click()
  await expect(app.service('web')).toHaveAccessibleName(/external IP 203\.0\.113\.\d+, 3 ready endpoints$/, { timeout: 20_000 })
  await expect(app.pod('web-.*', /Running/)).toHaveCount(3)
  await app.screenshot('service-external-ip')

  // From a pod: DNS, the node's rules, a backend, the answer.
  await app.clearConsole()
  await app.kubectl('exec deploy/web -- curl -s http://web', 'Welcome to nginx!')
  const timeline = app.region('Timeline')
  await expect(timeline).toContainText('CoreDNS answers web.default.svc.cluster.local: 10.')

  // A throwaway curl pod, run, answered and removed.
  await app.clearConsole()
  await app.kubectl('run tmp --image=curlimages/curl --rm -it --restart=Never -- curl web', 'Welcome to nginx!')
  await expect(app.consoleOutput).toContainText('pod "tmp" deleted')

  // Step to the DNS answer for tmp: the packet travels from CoreDNS on the diagram.
  const diagram = app.region('Architecture diagram')
  await app.stepUntil(async () => /^DNS query from tmp/.test(await app.currentText()), 400)
  await expect(diagram.getByTestId('packet')).toContainText('DNS query')
  await app.stepForward()
  await expect(app.current).toContainText(/CoreDNS answers web\.default\.svc\.cluster\.local: 10\./)
  await expect(diagram.getByTestId('packet')).toContainText(/DNS 10\./)
  // The node's kube-proxy rules rewrite the Service IP to one backend (DNAT); the hop shows the rules matched.
  await app.stepUntil(async () => /iptables rules catch 10\.[\d.]+:80 \(default\/web\): DNAT to/.test(await app.currentText()), 20)
  await expect(diagram.getByTestId('packet')).toContainText(/DNAT 10\./)
  const hopTab = await app.inspectorTab('Hop')
  await expect(hopTab.getByRole('region', { name: 'Packet' })).toContainText('Rules the packet matched')
  await expect(hopTab.getByRole('region', { name: 'Packet' })).toContainText(/-j KUBE-SEP-\w+/)
  await app.screenshot('packet-dnat')
  // Then the request reaches the backend, here on another node.
  await app.stepUntil(async () => /reaches web-/.test(await app.currentText()), 20)
  await expect(diagram.getByTestId('packet')).toBeVisible()
  await app.screenshot('packet-to-backend')
  await expect(app.current).toContainText(/from node-\d to node-\d/)
  await app.stepForward()
  await expect(app.current).toContainText(/answers HTTP\/1\.1 200 OK/)
  await expect(diagram.getByTestId('packet')).toContainText('HTTP 200')

  // From outside the cluster, through the load balancer.
  await app.clearConsole()
  const inspector = await app.inspectorTab('Services')
  await expect(inspector.getByRole('table', { name: 'Services' })).toContainText('LoadBalancer')
  await inspector.getByRole('button', { name: 'Send a request to web from outside' }).click()
  await expect(app.consoleOutput).toContainText(/\$ curl http:\/\/203\.0\.113\.\d+\//)
  await expect(app.consoleOutput).toContainText('Welcome to nginx!')
  await app.stepUntil(async () => /load balancer 203\.0\.113\.\d+ forwards the connection/.test(await app.currentText()), 400)
  await expect(diagram.getByRole('img', { name: /^client/ })).toBeVisible()
  await app.screenshot('request-from-outside')
})

test('kube-proxy: the iptables rules, then IPVS', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.kubectl('create deployment web --image=nginx:1.27 --replicas=2', 'deployment.apps/web created')
  await app.kubectl('expose deployment web --port=80', 'service/web exposed')
  await app.button('Skip to end').click()
  await expect(app.service('web')).toHaveAccessibleName(/^Service web: ClusterIP 10\.[\d.]+, 2 ready endpoints$/, { timeout: 20_000 })

  const inspector = await app.inspectorTab('kube-proxy')
  const rules = inspector.getByLabel('kube-proxy rules on node-1')
  await expect(rules).toContainText('-A KUBE-SERVICES')
  await expect(rules).toContainText(/KUBE-SVC-\w+ .*default\/web/)
  await expect(rules).toContainText('--probability 0.5')
  await app.screenshot('kube-proxy-iptables')

  const mode = inspector.getByRole('group', { name: 'kube-proxy mode' })
  await mode.getByRole('button', { name: 'IPVS' }).click()
  await expect(mode.getByRole('button', { name: 'IPVS' })).toHaveAttribute('aria-pressed', 'true')
  await expect(rules).toContainText('IP Virtual Server version')
  await expect(rules).toContainText(/TCP {2}10\.[\d.]+:80 rr/)
  await inspector.getByRole('combobox', { name: 'Node' }).selectOption('node-3')
  await expect(inspector.getByLabel('kube-proxy rules on node-3')).toContainText('-> 10.244.')
  await app.screenshot('kube-proxy-ipvs')
})

test('workloads and a failed node: Job pods Completed, DaemonSet on every node, StatefulSet in order, a stopped node NotReady', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.openExample('Job')
  await app.apply('job.batch/data-migration created')
  await app.openExample('DaemonSet (fluentd)')
  await app.apply('daemonset.apps/node-logger created')
  await app.button('Skip to end').click()
  await expect(app.pod('data-migration-.*', /Completed/)).toBeVisible({ timeout: 20_000 })
  await expect(app.pod('node-logger-.*', /Running/)).toHaveCount(3)
  // A StatefulSet: ordinal names, started in order, each with its own claim.
  await app.openExample('StatefulSet (mysql)')
  await app.apply('statefulset.apps/mysql created')
  await app.button('Skip to end').click()
  for (const n of [0, 1, 2]) await expect(app.pod(`mysql-${n}`, 'Running')).toBeVisible({ timeout: 20_000 })
  await app.kubectl('get pvc', /mysql-data-mysql-2\s+Bound/)

  const inspector = await app.inspectorTab('Nodes')
  await inspector.getByRole('button', { name: 'Stop node-2' }).click()
  await expect(app.consoleOutput).toContainText('Stopped node node-2.')
  await app.button('+30 s').click()
  await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await expect(page.getByRole('group', { name: 'Node node-2: NotReady (machine stopped)' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('group', { name: 'Node node-1: Ready' })).toBeVisible()
  await app.kubectl('get nodes', /node-2\s+NotReady/)
  await app.screenshot('node-notready')
})
