import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('deleting a pod: Terminating, then gone', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD)
  await app.apply('pod/nginx created')
  await app.playUntilVisible(app.pod('nginx', 'Running'))

  await app.pause()
  await app.kubectl('delete pod nginx --wait=false', 'pod "nginx" deleted')
  await app.stepUntil(() => app.pod('nginx', 'Terminating').isVisible())
  await app.screenshot('pod-delete-terminating')
  await app.stepUntil(async () => (await app.pod('nginx').count()) === 0)
  await expect(app.current).toContainText(/delete/i)
  await app.screenshot('pod-delete-gone')
})
