import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('an engine failure is shown and the app recovers from the last good state', async ({ page }) => {
  // Serve the engine worker with a trap: the command `crash-test` throws inside the worker, as an
  // engine bug would (an uncaught exception, so the worker reports an error event).
  await page.route(/engine\.worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch()
    const trap = `
;{
  const handle = self.onmessage
  self.onmessage = (e) => {
    if (e.data?.request?.command === 'crash-test') throw new Error('simulated engine failure')
    return handle(e)
  }
}`
    await route.fulfill({ response, body: (await response.text()) + trap })
  })
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.stepUntil(() => app.pod('nginx', 'Running').isVisible())
  const hop = await app.cursor()

  await app.consoleInput.fill('crash-test')
  await app.consoleInput.press('Enter')
  const alert = page.getByRole('alert').filter({ hasText: 'The simulation stopped with an error' })
  await expect(alert).toContainText('simulated engine failure')
  await expect(alert).toContainText('restored the cluster from the last good state')

  // Same cluster, same hop; and it keeps working.
  await expect.poll(() => app.cursor()).toBe(hop)
  await expect(app.pod('nginx', 'Running')).toBeVisible()
  await app.kubectl('get pods', /nginx\s+1\/1\s+Running/)
  await app.screenshot('crash-recovered')
})
