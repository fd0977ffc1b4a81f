import { expect, test } from '@playwright/test'
import { Podium } from './podium'

test('bad YAML: a marker in the editor, an error in the console, the text kept', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  const bad = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n   labels: [oops\n'
  await app.setEditorText(bad)
  await expect(app.region('YAML editor').locator('.squiggly-error').first()).toBeVisible()
  await app.button('Apply').click()
  // kubectl's own words (checked with kubectl 1.33), naming the tab as the file.
  await expect(app.region('kubectl console').locator('.line-stderr')).toContainText('error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context')
  await expect(app.region('YAML editor').locator('.view-lines')).toContainText('labels: [oops')
  await app.screenshot('bad-yaml')
})

test('YAML 1.1 as kubectl reads it: an unquoted yes is a boolean, and the apiserver refuses it in an env value', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.setEditorText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: envy\nspec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n    - name: DEBUG\n      value: yes\n')
  await app.apply('cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string')
  await expect(app.region('kubectl console').locator('.line-stderr')).toContainText(/Error from server \(BadRequest\): error when creating "[^"]+": Pod in version "v1" cannot be handled as a Pod/)
})
