import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('works with the network cut after load', async ({ page, context }) => {
  const app = new Podium(page)
  await app.open()
  await expect(app.region('YAML editor').locator('.monaco-editor')).toBeVisible()
  await page.waitForLoadState('networkidle')
  await context.setOffline(true)

  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.stepUntil(() => app.pod('nginx', 'Running').isVisible())
  await app.pod('nginx', 'Running').click()
  await expect(app.region('Inspector')).toContainText('phase: Running')
  // Schema validation still runs (the Kubernetes schema is bundled, never fetched).
  await app.setEditorText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: x\n    imagee: nginx\n')
  await expect(app.region('YAML editor').locator('.squiggly-warning').first()).toBeVisible()
  await app.screenshot('offline')
})
