import { expect, test } from '@playwright/test'
import { LESSON_WORDS, Podium } from './podium'

test('a guided lesson: picker, steps with highlights, a prediction, a try-it step, Back', async ({ page }) => {
  const app = new Podium(page)
  await app.open()

  // The picker lists every lesson with its number, level and minutes, all fourteen playable.
  await app.button('Lessons').click()
  const picker = page.getByRole('dialog', { name: 'Lessons' })
  const pod = picker.getByRole('listitem').filter({ hasText: '2. Creating a Pod, hop by hop' })
  await expect(pod).toContainText('beginner')
  await expect(pod).toContainText('12 min')
  // Fourteen lessons at least (others are being added alongside).
  await expect(picker.getByRole('listitem').nth(13)).toBeVisible()
  const sts = picker.getByRole('listitem').filter({ hasText: '10. StatefulSets' })
  await expect(sts).not.toContainText('Coming soon')
  await expect(sts.getByRole('button').first()).toBeVisible()
  await app.screenshot('lessons-picker')
  await page.keyboard.press('Escape')

  await app.startLesson('2. Creating a Pod')
  await app.atStep(1, 8)
  await expect(app.lesson.getByRole('heading', { name: 'Six steps from YAML to a running container' })).toBeVisible()
  // Markdown renders as elements: the numbered list of the six steps.
  await expect(app.lesson.getByRole('listitem')).toHaveCount(6)
  const diagram = app.region('Architecture diagram')
  await expect(diagram.getByRole('img', { name: /^kube-apiserver .*highlighted by the lesson$/ })).toBeVisible()
  await expect(app.lesson.getByRole('button', { name: 'Back' })).toBeDisabled()

  // Step 2: the lesson sends the Pod; the step points at the POST hop, one click away.
  await app.nextStep()
  await expect(app.lesson).toContainText('POST /api/v1/namespaces/default/pods')
  await expect(diagram.getByRole('img', { name: /^kubectl .*highlighted by the lesson$/ })).toBeVisible()
  await expect(diagram.getByRole('img', { name: /^etcd .*highlighted/ })).toHaveCount(0)
  await expect(app.consoleOutput).toContainText('pod/nginx created')
  const postHop = app.lesson.getByRole('button', { name: /^Show hop \d+: kubectl asks the apiserver to create pod nginx/ })
  await expect(postHop).toBeVisible()
  await postHop.click()
  await expect(app.current).toContainText('kubectl asks the apiserver to create pod nginx')
  await expect(page.getByTestId('packet')).toBeVisible()
  await app.screenshot('lesson-step-2-hop')

  // Step 3: stored in etcd; the panel lights the apiserver and etcd.
  await app.nextStep()
  await expect(diagram.getByRole('img', { name: /^etcd .*highlighted by the lesson$/ })).toBeVisible()
  await expect(app.lesson.getByRole('button', { name: /^Show hop \d+: etcd stores \/registry\/pods\/default\/nginx/ })).toBeVisible()

  // Step 4: predict who binds the Pod, then the step plays and the engine's answer shows with its reason.
  await app.nextStep()
  const question = app.lesson.getByRole('radiogroup', { name: 'Which component sends the binding that assigns the Pod to a node?' })
  await expect(question).toBeVisible()
  await expect(app.lesson.getByRole('button', { name: 'Answer' })).toBeDisabled()
  await question.getByRole('radio', { name: 'scheduler' }).check()
  await app.lesson.getByRole('button', { name: 'Answer' }).click()
  const verdict = await app.revealedVerdict('Right: scheduler')
  await expect(verdict).toContainText('POSTed a Binding')
  await expect(verdict).toContainText(/Hop #\d+: The scheduler asks the apiserver to bind nginx to node-\d/)
  // The binding carries the scheduler's decision: its table, under the answer.
  await expect(verdict.getByRole('table', { name: /Scheduling decision for .*nginx/ }).getByRole('rowheader')).toHaveCount(3)
  await expect(question.getByRole('radio', { name: 'scheduler' })).toBeDisabled()
  await app.screenshot('lesson-predict-revealed')

  // Steps 5–7 play on; by step 7 the Pod runs.
  await app.nextStep()
  await app.nextStep()
  await expect(app.lesson.getByRole('button', { name: /^Show hop \d+: .*(runtime|sandbox|container|image)/i }).first()).toBeVisible()
  await app.nextStep()
  await app.playUntilVisible(app.pod('nginx', 'Running'))

  // Step 8, try it: Check fails first, the solution fills the console, then Check passes.
  await app.nextStep()
  await app.atStep(8, 8)
  await app.lesson.getByRole('button', { name: 'Check' }).click()
  await expect(app.lesson.getByRole('status')).toContainText('Not yet')
  await expect(app.lesson.getByRole('status')).toContainText('pod/web does not exist')
  await app.lesson.getByRole('button', { name: 'Hint' }).click()
  await expect(app.lesson).toContainText('kubectl run NAME --image=IMAGE')
  await app.lesson.getByRole('button', { name: 'Show solution' }).click()
  await expect(app.consoleInput).toHaveValue('run web --image=nginx:1.27')
  await app.consoleInput.press('Enter')
  await expect(app.consoleOutput).toContainText('pod/web created')
  await expect(async () => {
    await app.lesson.getByRole('button', { name: 'Check' }).click()
    await expect(app.lesson.getByRole('status')).toContainText('Passed', { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await expect(app.lesson.getByRole('status')).toContainText('Pod web is Running')
  await app.screenshot('lesson-try-passed')

  // Back replays the lesson to step 7 on a fresh cluster.
  await app.lesson.getByRole('button', { name: 'Back' }).click()
  await app.atStep(7, 8)
  await expect(app.pod('web')).toHaveCount(0)
  await expect(page).toHaveURL(/#lesson=creating-a-pod&step=7$/)

  // From step 7 to the end again, and Finish: the lesson is marked completed in the picker.
  await app.playLessonThrough(LESSON_WORDS.en, 8)
  await app.button('Lessons').click()
  await expect(page.getByRole('dialog', { name: 'Lessons' }).getByRole('listitem').filter({ hasText: '2. Creating a Pod' })).toContainText('Completed')
})

test('a lesson link opens at its step; a bad one says so and the app still opens', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const app = new Podium(await context.newPage())
  await app.page.goto('/#lesson=creating-a-pod&step=3')
  await expect(app.lesson).toBeVisible()
  await app.atStep(3, 8)
  await expect(app.lesson.getByRole('heading', { name: /^2\. The API server validates, stores in etcd/ })).toBeVisible()
  // Steps 1 and 2 were replayed: the Pod exists, Pending, and nothing ran ahead of the lesson.
  await expect(app.pod('nginx', 'Pending')).toBeVisible()
  await app.screenshot('lesson-link-step-3')

  const bad = new Podium(await context.newPage())
  await bad.page.goto('/#lesson=no-such-lesson&step=2')
  await expect(bad.page.getByRole('alert').filter({ hasText: 'there is no lesson "no-such-lesson"' })).toBeVisible()
  await expect(bad.region('Architecture diagram')).toBeVisible()
  await expect(bad.page.getByLabel('Node node-1: Ready')).toBeVisible()
  await expect(bad.lesson).toHaveCount(0)
  await bad.screenshot('lesson-link-bad')
  await context.close()
})

test('Vietnamese lesson text, and presenter mode navigated by keyboard', async ({ page }) => {
  const app = new Podium(page)
  await app.page.goto('/#lesson=creating-a-pod&step=2')
  await app.atStep(2, 8)

  await page.getByRole('button', { name: 'Tiếng Việt' }).click()
  // Accessible names follow the language: the lesson region is "Bài học" now.
  const lesson = page.getByRole('region', { name: 'Bài học', exact: true })
  await expect(lesson).toContainText('Bước 2 / 8')
  await expect(lesson.getByRole('heading', { name: '1. kubectl gửi Pod tới API server' })).toBeVisible()
  await expect(lesson).toContainText('kubectl chỉ là một client')
  await expect(lesson.getByRole('button', { name: 'Tiếp' })).toBeVisible()
  await app.screenshot('lesson-vietnamese')

  // Presenter mode: the editor and console are hidden; PageDown / → move between steps.
  await page.getByRole('button', { name: 'Chế độ trình chiếu' }).click()
  await expect(page.getByRole('region', { name: 'Trình soạn YAML' })).toBeHidden()
  await expect(page.getByRole('region', { name: 'Console kubectl' })).toBeHidden()
  await page.locator('body').click({ position: { x: 5, y: 700 } })
  await page.keyboard.press('PageDown')
  await expect(lesson).toContainText('Bước 3 / 8')
  await page.keyboard.press('ArrowRight')
  await expect(lesson).toContainText('Bước 4 / 8')
  await expect(lesson.getByRole('radiogroup', { name: 'Thành phần nào gửi binding để gán Pod vào một node?' })).toBeVisible()
  await app.screenshot('lesson-presenter')
  await page.keyboard.press('PageUp')
  await expect(lesson).toContainText('Bước 3 / 8')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('region', { name: 'Trình soạn YAML' })).toBeVisible()

  // The language and the step persist across a reload.
  await page.reload()
  await expect(page.getByRole('region', { name: 'Bài học', exact: true })).toContainText('Bước 3 / 8')
})

test('a component picked on the diagram, and a request from outside shown in the console as curl', async ({ page }) => {
  const app = new Podium(page)
  await page.goto('/#lesson=the-full-journey&step=4')
  await app.atStep(4)
  // The prediction lists no choices: every control-plane box on the diagram is one.
  const diagram = app.region('Architecture diagram')
  const ccm = diagram.getByRole('button', { name: 'Pick cloud-controller-manager' })
  await expect(diagram.getByRole('button', { name: /^Pick / })).toHaveCount(6)
  await expect(diagram.getByRole('button', { name: 'Pick scheduler' })).toBeVisible()
  await ccm.click()
  await expect(app.lesson.getByRole('radio', { name: 'cloud-controller-manager' })).toBeChecked()
  await app.lesson.getByRole('button', { name: 'Answer', exact: true }).click()
  await app.revealedVerdict('Right: cloud-controller-manager')

  // Step 6 sends a request from outside the cluster: the console shows it as the console's own curl.
  await app.nextStep()
  await app.nextStep()
  await expect(app.consoleOutput).toContainText(/\$ curl http:\/\/203\.0\.113\.10\/\s+# from outside the cluster/)
  await expect(app.consoleOutput.locator('pre').filter({ hasText: /^\$ curl http:\/\/203\.0\.113\.10\// }).locator('xpath=following-sibling::pre[1]')).not.toBeEmpty()
  await app.screenshot('lesson-request-curl')
})
