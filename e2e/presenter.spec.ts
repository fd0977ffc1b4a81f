import { expect, test, type Page } from '@playwright/test'
import { LESSON_WORDS, Podium } from './podium'

// Reduced motion: the diagram refits at once when presenter mode resizes it (no 200 ms glide), so
// the screenshots show where it lands.
test.use({ reducedMotion: 'reduce' })

async function setLanguage(page: Page, lang: 'en' | 'vi') {
  await page.addInitScript((l) => localStorage.setItem('podium:lang', l), lang)
}

test('a prediction answered by clicking a node on the diagram; the reveal shows the scheduler\'s decision table', async ({ page }) => {
  const app = new Podium(page)
  await page.goto('/#lesson=the-scheduler&step=2')
  await app.atStep(2)
  const diagram = app.region('Architecture diagram')
  const question = app.lesson.getByRole('radiogroup', { name: 'Which node will the scheduler pick for big (3 CPUs)?' })
  await expect(question).toBeVisible()

  // The diagram is in its "pick one" state: the candidates are announced and are buttons.
  await expect(diagram.getByRole('status')).toHaveText('Click a node to answer (or Tab to it, then Enter): node-1 (2 CPUs), node-2 (4 CPUs), node-3 (8 CPUs, tainted)')
  const node1 = diagram.getByRole('button', { name: 'Pick node-1 (2 CPUs)' })
  const node2 = diagram.getByRole('button', { name: 'Pick node-2 (4 CPUs)' })
  await expect(diagram.getByRole('button', { name: /^Pick node-/ })).toHaveCount(3)
  await app.screenshot('pick-on-diagram')

  // Keyboard: Enter picks the focused node, Space another; the radio group follows.
  await node1.focus()
  await page.keyboard.press('Enter')
  await expect(node1).toHaveAttribute('aria-pressed', 'true')
  await expect(question.getByRole('radio', { name: 'node-1 (2 CPUs)' })).toBeChecked()
  await node2.focus()
  await page.keyboard.press(' ')
  await expect(node2).toHaveAttribute('aria-pressed', 'true')
  await expect(node1).toHaveAttribute('aria-pressed', 'false')

  // A click inside a node (here its kubelet) picks that node.
  await diagram.locator('[data-component="kubelet/node-1"]').click()
  await expect(question.getByRole('radio', { name: 'node-1 (2 CPUs)' })).toBeChecked()
  await expect(diagram.getByRole('status')).toHaveText('You picked node-1 (2 CPUs): press Answer in the lesson to check it.')
  // The mouse, on the node's own box (its header: the middle holds its kubelet, runtime and kube-proxy).
  await node2.click({ position: { x: 40, y: 12 } })
  await expect(question.getByRole('radio', { name: 'node-2 (4 CPUs)' })).toBeChecked()
  await app.screenshot('pick-on-diagram-picked')

  await app.lesson.getByRole('button', { name: 'Answer', exact: true }).click()
  // Once answered, the boxes are boxes again; the answer given stays marked.
  await expect(diagram.getByRole('button', { name: /^Pick node-/ })).toHaveCount(0)
  await expect(diagram.getByRole('group', { name: /^Node node-2: .*\(your answer\)$/ })).toBeVisible()

  const verdict = await app.revealedVerdict(/^Right: node-2/)
  // The engine's filter and score table, as a table: the rejected nodes with their filter, the winner's total.
  const table = verdict.getByRole('table', { name: /Scheduling decision for .*big/ })
  await expect(table).toBeVisible()
  await expect(table.getByRole('row', { name: /^node-1 NodeResourcesFit: Insufficient cpu/ })).toBeVisible()
  await expect(table.getByRole('row', { name: /^node-3 TaintToleration: / })).toBeVisible()
  await expect(table.getByRole('row', { name: /^node-2 passed/ })).toBeVisible()
  await expect(table.getByRole('columnheader', { name: 'Total' })).toBeVisible()
  await app.screenshot('predict-decision-table')
})

test('presenter mode: full screen, keyboard and clicker navigation, the steps overview and a jump', async ({ page }) => {
  const app = new Podium(page)
  await page.goto('/#lesson=creating-a-pod&step=1')
  await app.atStep(1, 8)
  await page.locator('body').click({ position: { x: 640, y: 5 } })

  // P presents: header, editor, console, timeline and inspector hidden; the lesson is the caption.
  await page.keyboard.press('p')
  await expect(app.button('Lessons')).toBeHidden()
  await expect(app.region('YAML editor')).toBeHidden()
  await expect(app.region('kubectl console')).toBeHidden()
  await expect(app.region('Timeline')).toBeHidden()
  await expect(app.region('Architecture diagram')).toBeVisible()
  const presenting = app.region('Architecture diagram').getByRole('button', { name: 'Presenter mode' })
  await expect(presenting).toHaveAttribute('aria-pressed', 'true')
  await app.screenshot('presenter')

  // A clicker's keys (PageDown / PageUp) and the keyboard's (→ ← Space) move between steps.
  const presses = async (keys: [key: string, step: number][]) => {
    for (const [key, step] of keys) {
      await page.keyboard.press(key)
      await app.atStep(step, 8)
    }
  }
  await presses([['PageDown', 2], ['ArrowRight', 3], [' ', 4]])
  // A click on one of the prediction's choices leaves the focus there: the clicker still works.
  await app.lesson.getByRole('radio', { name: 'scheduler' }).check()
  await presses([['PageDown', 5], ['ArrowLeft', 4], ['PageUp', 3], ['PageUp', 2]])

  // O: the overview of the steps, the current one marked; Escape closes it and presenting goes on.
  await page.keyboard.press('o')
  const overview = page.getByRole('dialog', { name: 'Steps of the lesson' })
  await expect(overview).toBeVisible()
  await expect(overview.getByRole('listitem')).toHaveCount(8)
  const current = overview.getByRole('button', { name: /^2 1\. kubectl sends the Pod/ })
  await expect(current).toHaveAttribute('aria-current', 'step')
  await expect(current).toBeFocused()
  await app.screenshot('presenter-overview')
  await page.keyboard.press('Escape')
  await expect(overview).toBeHidden()
  await expect(presenting).toHaveAttribute('aria-pressed', 'true')

  // The button opens it too; ↓ and Enter jump to a step (the lesson replays up to it).
  await app.lesson.getByRole('button', { name: 'Steps', exact: true }).click()
  await expect(overview).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(overview.getByRole('button', { name: /^5 / })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(overview).toBeHidden()
  await app.atStep(5, 8)
  await expect(page).toHaveURL(/#lesson=creating-a-pod&step=5$/)
  await expect(app.pod('nginx')).toBeVisible()
  // A click on a step jumps back.
  await page.keyboard.press('o')
  await overview.getByRole('button', { name: /^1 Six steps from YAML/ }).click()
  await app.atStep(1, 8)

  // C brings the console back to type in front of the class, E the editor; both hide again.
  await page.keyboard.press('c')
  await expect(app.region('kubectl console')).toBeVisible()
  await expect(app.lesson.getByRole('button', { name: 'Console' })).toHaveAttribute('aria-pressed', 'true')
  await app.kubectl('get nodes', /node-3\s+Ready/)
  await app.lesson.getByRole('button', { name: 'Editor' }).click()
  await expect(app.region('YAML editor')).toBeVisible()
  await expect(app.region('Timeline')).toBeHidden()
  await app.screenshot('presenter-console-editor')
  await page.locator('body').click({ position: { x: 640, y: 5 } })
  await page.keyboard.press('c')
  await page.keyboard.press('e')
  await expect(app.region('kubectl console')).toBeHidden()
  await expect(app.region('YAML editor')).toBeHidden()

  // Escape leaves presenter mode; the page is back as it was.
  await page.keyboard.press('Escape')
  await expect(presenting).toHaveAttribute('aria-pressed', 'false')
  await expect(app.button('Lessons')).toBeVisible()
  await expect(app.region('YAML editor')).toBeVisible()
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull()
})

test('presenter mode and the pick state in Vietnamese', async ({ page }) => {
  await setLanguage(page, 'vi')
  const app = new Podium(page)
  await page.goto('/#lesson=the-scheduler&step=2')
  const lesson = page.getByRole('region', { name: 'Bài học', exact: true })
  await expect(lesson).toContainText('Bước 2 / 7')
  const diagram = page.getByRole('region', { name: 'Sơ đồ kiến trúc' })
  await expect(diagram.getByRole('status')).toContainText('Bấm vào một node để trả lời (hoặc dùng Tab rồi nhấn Enter): node-1 (2 CPU), node-2 (4 CPU), node-3 (8 CPU, có taint)')
  await page.locator('body').click({ position: { x: 640, y: 5 } })
  await page.keyboard.press('p')
  await expect(page.getByRole('region', { name: 'Trình soạn YAML' })).toBeHidden()
  await app.screenshot('vi-presenter-pick')

  await diagram.getByRole('button', { name: 'Chọn node-2 (4 CPU)' }).click({ position: { x: 40, y: 12 } })
  await lesson.getByRole('button', { name: 'Trả lời', exact: true }).click()
  const verdict = await app.revealedVerdict(/^Đúng: node-2/, LESSON_WORDS.vi)
  const table = verdict.getByRole('table')
  await expect(table.getByRole('row', { name: /^node-1 NodeResourcesFit: Insufficient cpu/ })).toBeVisible()
  await app.screenshot('vi-predict-decision-table')

  await page.keyboard.press('o')
  const overview = page.getByRole('dialog', { name: 'Các bước của bài học' })
  await expect(overview.locator('[aria-current="step"]')).toContainText('bạn đang ở đây')
  await app.screenshot('vi-presenter-overview')
  await page.keyboard.press('Escape')
  await expect(overview).toBeHidden()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('region', { name: 'Trình soạn YAML' })).toBeVisible()
})
