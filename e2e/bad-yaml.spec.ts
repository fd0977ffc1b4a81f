import { expect, test } from '@playwright/test'
import { Podium } from './podium'

test('bad YAML: a marker in the editor, an error in the console, the text kept', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  const bad = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   labels: [oops\n'
  await app.setEditorText(bad)
  await expect(app.region('YAML editor').locator('.squiggly-error').first()).toBeVisible()
  await app.button('Apply').click()
  await expect(app.region('kubectl console').locator('.line-stderr')).toContainText(/error/)
  await expect(app.region('YAML editor').locator('.view-lines')).toContainText('labels: [oops')
  await app.screenshot('bad-yaml')
})
