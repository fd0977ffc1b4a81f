import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('the console: real kubectl output, completion and history', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')

  // Tab completes verbs, resource types and names.
  await app.consoleInput.fill('desc')
  await app.consoleInput.press('Tab')
  await expect(app.consoleInput).toHaveValue('describe ')
  await app.consoleInput.pressSequentially('pod ng')
  await app.consoleInput.press('Tab')
  await expect(app.consoleInput).toHaveValue('describe pod nginx ')
  await app.consoleInput.press('Enter')
  await expect(app.consoleOutput).toContainText(/Name:\s+nginx/)

  // The leading "kubectl" is optional; the table is kubectl's own.
  await app.kubectl('kubectl get pods', /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/)
  await app.kubectl('get nodes', /node-1\s+Ready/)
  await app.kubectl('get pod nope', 'Error from server (NotFound): pods "nope" not found')

  // ↑ walks back through the history, ↓ forward.
  await app.consoleInput.press('ArrowUp')
  await expect(app.consoleInput).toHaveValue('get pod nope')
  await app.consoleInput.press('ArrowUp')
  await expect(app.consoleInput).toHaveValue('get nodes')
  await app.consoleInput.press('ArrowDown')
  await expect(app.consoleInput).toHaveValue('get pod nope')
  await app.screenshot('console')
})

test('the inspector and the cluster shape: objects, etcd keys, scheduler table, nodes', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.stepUntil(() => app.pod('nginx', 'Running').isVisible())

  // Clicking the pod shows it in the inspector.
  await app.pod('nginx', 'Running').click()
  const inspector = app.region('Inspector')
  await expect(inspector.getByRole('tab', { name: 'Objects' })).toHaveAttribute('aria-selected', 'true')
  await expect(inspector).toContainText('phase: Running')
  await inspector.getByRole('button', { name: 'kubectl describe pod nginx' }).click()
  await expect(inspector).toContainText(/Events:[\s\S]*Scheduled/)

  await inspector.getByRole('tab', { name: 'etcd' }).click()
  await inspector.getByRole('button', { name: '/registry/pods/default/nginx', exact: true }).click()
  await expect(inspector.getByRole('table', { name: 'etcd keys' })).toContainText('/registry/minions/node-1')

  await inspector.getByRole('tab', { name: 'Scheduler' }).click()
  await expect(inspector.getByRole('table').first()).toContainText('NodeResourcesFit')
  await app.screenshot('inspector-scheduler')

  // Add a node, then stop it.
  await inspector.getByRole('tab', { name: 'Nodes' }).click()
  await inspector.getByRole('textbox', { name: 'Name' }).fill('node-4')
  await inspector.getByRole('button', { name: 'Add node' }).click()
  await expect(app.consoleOutput).toContainText('Added node node-4.')
  await app.button('Skip to end').click()
  await expect(page.getByLabel('Node node-4: Ready')).toBeVisible()
  await inspector.getByRole('button', { name: 'Stop node-4' }).click()
  await expect(page.getByLabel(/^Node node-4: .*\(machine stopped\)$/)).toBeVisible()
  await app.screenshot('nodes')
})
