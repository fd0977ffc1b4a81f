import { expect, test } from '@playwright/test'
import { Podium } from './podium'

test('keyboard only: apply, pause, step forward and back, help', async ({ page }) => {
  const app = new Podium(page)
  await app.open()

  // Tab to Apply and press Enter.
  const focusOn = async (name: string) => {
    for (let i = 0; i < 60; i++) {
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
      if (focused === name || focused.endsWith(name)) return
      await page.keyboard.press('Tab')
    }
    throw new Error(`could not reach ${name} with Tab`)
  }
  await focusOn('Pause')
  await page.keyboard.press('Enter')
  await expect(app.button('Play')).toBeVisible()
  await focusOn('Apply')
  await page.keyboard.press('Enter')
  await expect(app.consoleOutput).toContainText('pod/nginx created')

  // Shortcuts work from any button: → steps forward, ← steps back.
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => app.cursor()).toBeGreaterThan(0)
  const first = await app.cursor()
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => app.cursor()).toBeGreaterThan(first)
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => app.cursor()).toBe(first)
  await expect(app.current).toContainText('kubectl asks the apiserver for pod nginx')

  // ? opens the help with the shortcuts; Escape closes it.
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Help and keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Step forward one hop')
  await app.screenshot('keyboard-help')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
})
