import { expect, test } from '@playwright/test'
import { NGINX_POD, Podium } from './podium'

test('a share link reproduces the cluster, the hop and the editor in a fresh browser', async ({ page, browser }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(NGINX_POD + '# shared\n')
  await app.apply('pod/nginx created')
  await app.stepUntil(() => app.pod('nginx', 'ContainerCreating').isVisible())
  const hop = await app.cursor()
  const text = await app.currentText()

  await app.button('Share').click()
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' })
  await expect(dialog).toBeVisible()
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue()
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/)
  expect(link.length).toBeLessThan(8000)
  await app.screenshot('share-dialog')

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const other = new Podium(await fresh.newPage())
  await other.page.goto(link)
  await expect(other.button('Play')).toBeVisible()
  await expect.poll(() => other.cursor()).toBe(hop)
  expect(await other.currentText()).toBe(text)
  await expect(other.pod('nginx', 'ContainerCreating')).toBeVisible()
  await expect(other.region('YAML editor').locator('.view-lines')).toContainText('# shared')
  await other.screenshot('share-opened')

  // A tampered link: a clear message, and the app still opens.
  const tampered = new Podium(await fresh.newPage())
  await tampered.page.goto(link.replace(/.{12}$/, 'AAAAAAAAAAAA'))
  await expect(tampered.page.getByRole('alert').filter({ hasText: 'share link could not be opened' })).toBeVisible()
  await expect(tampered.region('Architecture diagram')).toBeVisible()
  await expect(tampered.page.getByLabel('Node node-1: Ready')).toBeVisible()
  await tampered.screenshot('share-tampered')
  await fresh.close()
})
