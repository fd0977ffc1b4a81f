/**
 * Control-plane faults from the inspector's Faults tab (issue 5), and jumping ahead in virtual
 * time: what a teacher does in class, checked through accessible names as a student sees them.
 */
import { expect, test, type Locator } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

/** A diagram box by its accessible name (`kube-scheduler, stopped`). */
function box(app: Podium, name: string): Locator {
  return app.region('Architecture diagram').getByRole('img', { name, exact: true })
}

/** Opens Podium, stops `component` from the Faults tab and waits for the diagram to draw it stopped. */
async function openAndStop(app: Podium, component: string, boxName: string): Promise<Locator> {
  await app.open()
  const faults = await app.inspectorTab('Faults')
  await faults.getByRole('button', { name: `Stop ${component}` }).click()
  await expect(box(app, `${boxName}, stopped`)).toBeVisible()
  await expect(faults.getByRole('button', { name: `Start ${component}` })).toBeVisible()
  await expect(app.consoleOutput).toContainText(`Stopped ${component}.`)
  return faults
}

test('a stopped scheduler leaves a new pod Pending; started again, it schedules the pod', async ({ page }) => {
  const app = new Podium(page)
  const faults = await openAndStop(app, 'kube-scheduler', 'kube-scheduler')

  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.playUntilVisible(app.pod('nginx', 'Pending'))
  // Time passes and nothing chooses a node.
  await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await expect(app.region('Architecture diagram').getByRole('group', { name: 'Unscheduled pods: 1' })).toBeVisible()
  await expect(app.pod('nginx', 'Pending')).toBeVisible()
  await app.screenshot('faults-scheduler-stopped')

  await faults.getByRole('button', { name: 'Start kube-scheduler' }).click()
  await expect(box(app, 'kube-scheduler')).toBeVisible()
  await app.playUntilVisible(app.pod('nginx', 'Running'))
  await expect(app.region('Architecture diagram').getByRole('group', { name: 'Unscheduled pods: 0' })).toBeVisible()
})

test('a stopped apiserver refuses kubectl with its real text; a reload keeps it stopped', async ({ page }) => {
  const app = new Podium(page)
  await openAndStop(app, 'kube-apiserver', 'kube-apiserver (the hub)')
  await app.kubectl('get pods', 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?')
  await app.screenshot('faults-apiserver-stopped')

  // The stop is a scenario step: the autosaved workspace replays it.
  await page.waitForTimeout(800)
  await page.reload()
  await expect(box(app, 'kube-apiserver (the hub), stopped')).toBeVisible()
  const again = await app.inspectorTab('Faults')
  await again.getByRole('button', { name: 'Start kube-apiserver' }).click()
  await expect(box(app, 'kube-apiserver (the hub)')).toBeVisible()
  await app.kubectl('get pods', 'No resources found in default namespace.')
})

test('a stopped etcd makes the apiserver answer errors; once it is back, apply works', async ({ page }) => {
  const app = new Podium(page)
  const faults = await openAndStop(app, 'etcd', 'etcd (key-value store)')
  await app.setEditorText(NGINX_POD)
  await app.apply('Error from server (Timeout)')
  await expect(app.consoleOutput).toContainText('request did not complete within the allotted timeout')
  // The timeline marks the requests etcd never answered, as the diagram does.
  await expect(app.region('Timeline').getByRole('listitem').filter({ hasText: /failed.*no answer, etcd is down/ }).first()).toBeVisible()
  await app.screenshot('faults-etcd-stopped')

  await faults.getByRole('button', { name: 'Start etcd' }).click()
  await expect(box(app, 'etcd (key-value store)')).toBeVisible()
  await app.apply('pod/nginx created')
})

test('a stopped kubelet leaves the machine running; its node goes NotReady, and Ready again once it starts', async ({ page }) => {
  const app = new Podium(page)
  const faults = await openAndStop(app, 'kubelet on node-2', 'kubelet')
  // Only the kubelet: the machine's other agents are not drawn stopped.
  await expect(box(app, 'kube-proxy, stopped')).toHaveCount(0)
  await app.button('+30 s').click()
  await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await app.kubectl('get nodes', /node-2\s+NotReady/)
  await app.screenshot('faults-kubelet-stopped')

  await faults.getByRole('button', { name: 'Start kubelet on node-2' }).click()
  await expect(app.consoleOutput).toContainText('Started kubelet on node-2.')
  await expect(box(app, 'kubelet, stopped')).toHaveCount(0)
  await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await app.kubectl('get node node-2', /node-2\s+Ready\s/)
})

test('jumping an hour ahead runs the clock without flooding the timeline', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.button('Jump…').click()
  await page.getByRole('group', { name: 'Jump ahead in virtual time' }).getByRole('button', { name: '+1 h' }).click()
  await expect(page.getByRole('group', { name: 'Jump ahead in virtual time' })).toBeHidden()
  await expect(app.consoleOutput).toContainText('Virtual time jumped 1 h.')
  await expect(app.consoleOutput).toContainText(/\d+ background hops \(heartbeats, lease renewals\) left out of the timeline/)
  await app.button('Skip to end').click()
  await expect(page.getByRole('timer', { name: 'Virtual clock' })).toContainText(/t = 1:0\d:/)
})

test('the Access tab says who may do what; the Nodes tab shows the cloud routes', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.kubectl('create role pod-reader --verb=get,list --resource=pods', 'role.rbac.authorization.k8s.io/pod-reader created')
  await app.kubectl('create rolebinding read-pods --role=pod-reader --user=jane', 'rolebinding.rbac.authorization.k8s.io/read-pods created')
  await app.button('Skip to end').click()
  const access = await app.inspectorTab('Access')
  const binding = access.getByRole('list', { name: 'RoleBindings and ClusterRoleBindings' }).getByRole('listitem').filter({ hasText: 'default/read-pods' })
  await expect(binding).toContainText('User jane')
  await expect(binding).toContainText('Role pod-reader')
  await expect(binding).toContainText('get, list on pods')

  const nodes = await app.inspectorTab('Nodes')
  const routes = nodes.getByRole('table', { name: 'Cloud route table' })
  await expect(routes.getByRole('row')).toHaveCount(4)
  await expect(routes.getByRole('row', { name: /10\.244\.1\.0\/24 node-1/ })).toBeVisible()
})
