import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('the Pod create flow, hop by hop, then back to the start and forward again', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  expect(await app.cursor()).toBe(0)

  // Step until the pod runs, keeping every explanation the timeline showed.
  const running = app.pod('nginx', 'Running')
  const seen = await app.stepUntil(() => running.isVisible())
  const end = await app.cursor()
  await app.screenshot('pod-create-running')

  // The steps of the seed notes (004), in order: kubectl → apiserver → etcd → "created";
  // the scheduler sees the unbound pod and binds it; the kubelet sees the bound pod, drives the
  // runtime, reports status; the apiserver stores it and acknowledges.
  const steps = [
    /^kubectl asks the apiserver to create pod nginx/,
    /^etcd stores \/registry\/pods\/default\/nginx at revision \d+/,
    /^The apiserver answers kubectl: 201 Created/,
    /^The apiserver tells the scheduler that pod nginx was added/,
    /^The scheduler asks the apiserver to bind (pod )?nginx to node-\d/,
    /^The apiserver tells the kubelet on node-\d that pod nginx/,
    /^The kubelet .*runtime/,
    /^The kubelet on node-\d reports nginx's status/,
    /^etcd updates \/registry\/pods\/default\/nginx/,
    /^The apiserver answers the kubelet on node-\d: 200 OK/,
  ]
  let at = -1
  for (const step of steps) {
    const i = seen.findIndex((text, k) => k > at && step.test(text))
    expect(i, `${step} after hop ${at}: ${seen.join(' | ')}`).toBeGreaterThan(at)
    at = i
  }

  // Step back to the start: the pod is gone from the diagram.
  while ((await app.cursor()) !== 0) await app.stepBack()
  await expect(app.pod('nginx')).toHaveCount(0)
  await expect(app.current).toContainText('Start')
  await app.screenshot('pod-create-start')

  // Forward again: the same hops, the same end state.
  const again: string[] = []
  while ((await app.cursor()) !== end) {
    await app.stepForward()
    again.push(await app.currentText())
  }
  expect(again).toEqual(seen)
  await expect(running).toBeVisible()
})

test('inside the apiserver: the create response lists its pipeline, and the cloud provider sits beside the cloud-controller-manager', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.stepUntil(async () => /^The apiserver answers kubectl: 201 Created/.test(await app.currentText()), 40)
  const hop = await app.inspectorTab('Hop')
  const pipeline = hop.getByRole('region', { name: 'Inside the apiserver' })
  await expect(pipeline.getByRole('listitem')).toHaveText([
    'authentication: kubernetes-admin (client certificate)',
    /^authorization: allowed by RBAC: ClusterRoleBinding kubeadm:cluster-admins/,
    'mutating admission: NamespaceLifecycle: namespace default exists',
    /^mutating admission: ServiceAccount: runs as default, token mounted from volume kube-api-access-\w{5}$/,
    /^mutating admission: DefaultTolerationSeconds/,
    'mutating admission: Priority: priority 0',
    'validation: ok',
    'storage: etcd key /registry/pods/default/nginx',
  ])
  await expect(app.region('Architecture diagram').getByRole('img', { name: 'cloud (provider API)' })).toBeVisible()
  await app.screenshot('pod-create-pipeline')
})
