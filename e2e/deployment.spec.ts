import { expect, test } from '@playwright/test'
import { Podium } from './podium'

const deployment = (image: string) => `apiVersion: apps/v1
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
        image: ${image}
`

test('a Deployment: applied, rolled to a new image, rolled back from the console', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(deployment('nginx:1.26'))
  await app.apply('deployment.apps/web created')
  const webPods = app.region('Architecture diagram').getByRole('button', { name: /^Pod web-[a-z0-9]+-[a-z0-9]{5}: Running$/ })
  await expect
    .poll(async () => {
      await app.button('Skip to end').click()
      return webPods.count()
    }, { timeout: 30_000 })
    .toBe(3)
  await app.screenshot('deployment-running')
  const firstNames = await webPods.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))

  // Change the image: a new ReplicaSet replaces the pods gradually.
  await app.pause()
  await app.setEditorText(deployment('nginx:1.27'))
  await app.apply('deployment.apps/web configured')
  // Watch the start of the rolling update hop by hop: a new ReplicaSet is created and scaled up.
  await app.stepUntil(async () => /replicaset/i.test(await app.currentText()) && /create/i.test(await app.currentText()), 400)
  await app.screenshot('deployment-rolling')
  // Then jump ahead until the old pods are all replaced.
  await expect
    .poll(async () => {
      await app.button('Skip to end').click()
      const names = await webPods.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
      return names.length === 3 && names.every((n) => !firstNames.includes(n))
    }, { timeout: 45_000 })
    .toBe(true)
  await app.screenshot('deployment-rolled')
  await app.kubectl('get rs', /web-[a-z0-9]+\s+3\s+3\s+3/)
  await app.kubectl('rollout history deployment/web', /REVISION/)

  // Roll back from the console.
  await app.kubectl('rollout undo deployment/web', 'deployment.apps/web rolled back')
  await expect
    .poll(async () => {
      await app.kubectl('get deployment web -o jsonpath={.spec.template.spec.containers[0].image}')
      return app.consoleOutput.innerText()
    }, { timeout: 20_000 })
    .toMatch(/nginx:1\.26\s*$/)
  await app.screenshot('deployment-rolled-back')
})
