/**
 * Page object for Podium's end-to-end tests: everything is found by role and accessible name,
 * as a screen-reader user would, and time moves by stepping hops, never by sleeping.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export const NGINX_POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`

export class Podium {
  constructor(readonly page: Page) {}

  region(name: 'Architecture diagram' | 'YAML editor' | 'kubectl console' | 'Timeline' | 'Inspector' | 'Lesson'): Locator {
    return this.page.getByRole('region', { name, exact: true })
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  /** The pod box on the diagram, by its accessible name `Pod <name>: <status>`. */
  pod(name: string, status?: string | RegExp): Locator {
    const diagram = this.region('Architecture diagram')
    if (status === undefined) return diagram.getByRole('button', { name: new RegExp(`^Pod ${name}: `) })
    if (typeof status === 'string') return diagram.getByRole('button', { name: `Pod ${name}: ${status}`, exact: true })
    return diagram.getByRole('button', { name: new RegExp(`^Pod ${name}: ${status.source}$`) })
  }

  /** A row of the diagram's Services box, by its accessible name `Service <name>: <type> <clusterIP>…`. */
  service(name: string): Locator {
    return this.region('Architecture diagram').getByRole('group', { name: 'Services' }).getByRole('listitem', { name: new RegExp(`^Service ${name}: `) })
  }

  /** An inspector tab, opened. */
  async inspectorTab(name: string): Promise<Locator> {
    const inspector = this.region('Inspector')
    await inspector.getByRole('tab', { name, exact: true }).click()
    await expect(inspector.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true')
    return inspector
  }

  /** Opens an example manifest from the editor's list in a new tab. */
  async openExample(name: string) {
    await this.page.getByRole('combobox', { name: 'Open an example' }).selectOption(name)
  }

  /** Empties the console (its own `clear` command). */
  async clearConsole() {
    await this.consoleInput.fill('clear')
    await this.consoleInput.press('Enter')
    await expect(this.consoleOutput.locator('pre')).toHaveCount(0)
  }

  /** The timeline's current item (aria-current="step"). */
  get current(): Locator {
    return this.region('Timeline').locator('li[aria-current="step"]')
  }

  get consoleInput(): Locator {
    return this.page.getByRole('textbox', { name: 'kubectl command' })
  }

  get consoleOutput(): Locator {
    return this.region('kubectl console').getByRole('log')
  }

  async open(url = '/') {
    await this.page.goto(url)
    await expect(this.region('Architecture diagram')).toBeVisible()
    await expect(this.page.getByLabel('Node node-1: Ready')).toBeVisible()
    await expect(this.button('Apply')).toBeEnabled()
  }

  async pause() {
    const pause = this.button('Pause')
    if (await pause.isVisible()) await pause.click()
    await expect(this.button('Play')).toBeVisible()
  }

  /** The current hop's id (0 at the start). */
  async cursor(): Promise<number> {
    const id = await this.current.getAttribute('data-hop')
    return id ? Number(id) : 0
  }

  async currentText(): Promise<string> {
    return (await this.current.locator('.hop-text').innerText()).trim()
  }

  async stepForward() {
    const before = await this.cursor()
    await this.button('Step forward').click()
    await expect.poll(() => this.cursor()).not.toBe(before)
  }

  async stepBack() {
    const before = await this.cursor()
    await this.button('Step back').click()
    await expect.poll(() => this.cursor()).not.toBe(before)
  }

  /** Steps forward until `done()` holds, at most `max` hops; returns the explanations seen. */
  async stepUntil(done: () => Promise<boolean>, max = 200): Promise<string[]> {
    const seen: string[] = []
    for (let i = 0; i < max; i++) {
      if (await done()) return seen
      await this.stepForward()
      seen.push(await this.currentText())
    }
    throw new Error(`not reached after ${max} hops; last: ${seen.slice(-5).join(' | ')}`)
  }

  /**
   * Replaces the active tab's text in Monaco by pasting, as a user would (typed newlines would be
   * auto-indented by Monaco). The config grants clipboard permissions.
   */
  async setEditorText(text: string) {
    const editor = this.region('YAML editor').locator('.monaco-editor')
    await expect(editor).toBeVisible()
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text)
    await editor.locator('.view-lines').click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.press('ControlOrMeta+v')
    await expect(editor.locator('.view-lines')).toContainText(text.split('\n')[0])
  }

  async editorText(): Promise<string> {
    // Monaco renders only visible lines; read the model through the view-lines' text instead of the DOM order.
    return this.region('YAML editor').locator('.view-lines').innerText()
  }

  /** Applies the editor's text and waits for kubectl's answer in the console. */
  async apply(expectOutput: string | RegExp) {
    await this.button('Apply').click()
    await expect(this.consoleOutput).toContainText(expectOutput)
  }

  /** Types a kubectl command in the console and waits for `expectOutput`. */
  async kubectl(command: string, expectOutput?: string | RegExp) {
    await this.consoleInput.fill(command)
    await this.consoleInput.press('Enter')
    await expect(this.consoleOutput).toContainText(`$ kubectl ${command.replace(/^kubectl\s+/, '')}`)
    if (expectOutput) await expect(this.consoleOutput).toContainText(expectOutput)
  }

  /** Plays at the highest speed until `locator` is visible. */
  async playUntilVisible(locator: Locator, timeout = 30_000) {
    await this.page.getByRole('combobox', { name: 'Speed' }).selectOption('8')
    if (await this.button('Play').isVisible()) await this.button('Play').click()
    await expect(locator).toBeVisible({ timeout })
  }

  // ---- lessons ----------------------------------------------------------------------------------

  get lesson(): Locator {
    return this.region('Lesson')
  }

  /** Opens the lesson picker and starts the lesson whose title starts with `title` (`2. Creating a Pod`). */
  async startLesson(title: string) {
    await this.button('Lessons').click()
    const picker = this.page.getByRole('dialog', { name: 'Lessons' })
    await expect(picker).toBeVisible()
    await picker.getByRole('button', { name: new RegExp(`^Start: ${title}`) }).click()
    await expect(picker).toBeHidden()
    await expect(this.lesson).toBeVisible()
  }

  /** Waits for the lesson panel to show `Step n of total`. */
  async atStep(n: number, total?: number) {
    await expect(this.lesson).toContainText(total ? `Step ${n} of ${total}` : new RegExp(`Step ${n} of \\d+`))
  }

  async nextStep() {
    const text = await this.lesson.locator('.lesson-progress').innerText()
    const n = Number(/Step (\d+)/.exec(text)?.[1])
    await this.lesson.getByRole('button', { name: 'Next', exact: true }).click()
    await this.atStep(n + 1)
  }

  /**
   * Waits for a prediction's verdict (its status, filtered by `verdict`), pressing "Show the answer
   * now" if the step's hops are still playing; in `words`' language.
   */
  async revealedVerdict(verdict: RegExp | string, words: LessonWords = LESSON_WORDS.en): Promise<Locator> {
    const lesson = this.page.getByRole('region', { name: words.lesson, exact: true })
    const status = lesson.getByRole('status').filter({ hasText: verdict })
    const reveal = lesson.getByRole('button', { name: words.revealNow, exact: true })
    await expect(status.or(reveal)).toBeVisible()
    if (await reveal.isVisible()) await reveal.click()
    await expect(status).toBeVisible()
    return status
  }

  /**
   * Plays the open lesson from its current step to the end in `words`' language: each step waits
   * for its progress line, a prediction picks the first choice and waits for the engine's verdict,
   * a try-it step takes "show solution", runs it and checks until it passes; then Finish.
   */
  async playLessonThrough(words: LessonWords, total: number) {
    const lesson = this.page.getByRole('region', { name: words.lesson, exact: true })
    for (;;) {
      const text = await lesson.locator('.lesson-progress').innerText()
      const n = Number(words.progress.exec(text)?.[1])
      expect(n, `progress line "${text}"`).toBeGreaterThan(0)
      await expect(lesson).toContainText(words.step(n, total))
      const question = lesson.getByRole('radiogroup')
      if (await question.isVisible()) {
        await question.getByRole('radio').first().check()
        await lesson.getByRole('button', { name: words.answer, exact: true }).click()
        await this.revealedVerdict(words.verdict, words)
      }
      const solution = lesson.getByRole('button', { name: words.solution, exact: true })
      if (await solution.isVisible()) {
        await solution.click()
        const input = this.page.getByRole('textbox', { name: words.consoleInput, exact: true })
        // The solution lands in the console's input (a command) or in the editor (a manifest), a
        // moment after the click: give the console a chance to fill before choosing Apply.
        const inConsole = await expect
          .poll(() => input.inputValue(), { timeout: 2_000 })
          .not.toBe('')
          .then(() => true, () => false)
        if (inConsole) await input.press('Enter')
        else await this.page.getByRole('button', { name: words.apply, exact: true }).click()
        await expect(async () => {
          await lesson.getByRole('button', { name: words.check, exact: true }).click()
          await expect(lesson.getByRole('status').filter({ hasText: words.passed })).toBeVisible({ timeout: 1_000 })
        }).toPass({ timeout: 30_000 })
      }
      if (n === total) break
      await lesson.getByRole('button', { name: words.next, exact: true }).click()
      await expect(lesson).toContainText(words.step(n + 1, total))
    }
    await lesson.getByRole('button', { name: words.finish, exact: true }).click()
    await expect(this.page.getByRole('status').filter({ hasText: words.done })).toBeVisible()
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screens/${name}.png` })
  }
}

/** The lesson UI's words in one language, for `playLessonThrough`. */
export interface LessonWords {
  lesson: string
  progress: RegExp
  step: (n: number, total: number) => string
  next: string
  finish: string
  answer: string
  revealNow: string
  verdict: RegExp
  solution: string
  check: string
  passed: string
  apply: string
  consoleInput: string
  done: string
}

export const LESSON_WORDS: Record<'en' | 'vi', LessonWords> = {
  en: {
    lesson: 'Lesson',
    progress: /Step (\d+) of \d+/,
    step: (n, total) => `Step ${n} of ${total}`,
    next: 'Next',
    finish: 'Finish',
    answer: 'Answer',
    revealNow: 'Show the answer now',
    verdict: /^(Right: |The engine says )/,
    solution: 'Show solution',
    check: 'Check',
    passed: 'Passed: every check holds.',
    apply: 'Apply',
    consoleInput: 'kubectl command',
    done: 'You finished this lesson.',
  },
  vi: {
    lesson: 'Bài học',
    progress: /Bước (\d+) \/ \d+/,
    step: (n, total) => `Bước ${n} / ${total}`,
    next: 'Tiếp',
    finish: 'Hoàn thành',
    answer: 'Trả lời',
    revealNow: 'Xem đáp án ngay',
    verdict: /^(Đúng: |Engine trả lời )/,
    solution: 'Xem lời giải',
    check: 'Kiểm tra',
    passed: 'Đạt: mọi điều kiện đều đúng.',
    apply: 'Apply',
    consoleInput: 'Lệnh kubectl',
    done: 'Bạn đã hoàn thành bài học này.',
  },
}
