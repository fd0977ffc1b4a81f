import { expect, test } from '@playwright/test'
import { Podium } from './podium'

test('a reload restores the editor tabs, the cluster and the cursor', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.region('YAML editor').getByRole('combobox', { name: 'Open an example' }).selectOption('Deployment')
  await expect(app.region('YAML editor').getByRole('tab', { name: 'deployment.yaml' })).toHaveAttribute('aria-selected', 'true')
  await app.apply('deployment.apps/web created')
  await app.stepForward()
  await app.stepForward()
  await app.stepForward()
  const hop = await app.cursor()
  // Autosave is debounced; give it a moment before reloading.
  await page.waitForTimeout(800)

  await page.reload()
  await expect(app.region('YAML editor').getByRole('tab', { name: 'deployment.yaml' })).toBeVisible()
  await expect(app.region('YAML editor').getByRole('tab', { name: 'pod.yaml' })).toBeVisible()
  await expect.poll(() => app.cursor()).toBe(hop)
  await expect(app.region('YAML editor').locator('.view-lines')).toContainText('kind: Deployment')
  await app.screenshot('reload-restored')
})
