import { expect, test } from '@playwright/test'
import { LESSON_WORDS, Podium } from './podium'

test('a whole lesson played in Vietnamese: the switch, every step to Finish, and the choice kept after a reload', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  // The switch: the toolbar, the playback controls and the panels speak Vietnamese at once.
  await page.getByRole('button', { name: 'Tiếng Việt' }).click()
  await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  const playback = page.getByRole('group', { name: 'Phát lại' })
  await expect(playback.getByRole('button', { name: 'Hop trước' })).toBeVisible()
  await expect(playback.getByRole('button', { name: 'Hop sau' })).toBeVisible()
  await expect(playback.getByRole('button', { name: /^(Phát|Tạm dừng)$/ })).toBeVisible()
  await expect(playback.getByRole('combobox', { name: 'Tốc độ' })).toBeVisible()
  for (const name of ['Bài học', 'Đặt lại', 'Mở kịch bản', 'Chia sẻ', 'Trợ giúp', 'Nền tối']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Sơ đồ kiến trúc' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Dòng thời gian' })).toContainText('Bắt đầu: cluster lúc vừa khởi động xong.')
  await expect(page.getByRole('tab', { name: 'Đối tượng' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Lệnh kubectl' })).toBeVisible()
  // English names are gone (the toolbar's English button is the one exception: it names its language).
  await expect(page.getByRole('button', { name: 'Step forward', exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toHaveCount(0)

  // The picker, in Vietnamese.
  await page.getByRole('button', { name: 'Bài học', exact: true }).click()
  const picker = page.getByRole('dialog', { name: 'Bài học' })
  const item = picker.getByRole('listitem').filter({ hasText: '2. Tạo một Pod, từng bước một' })
  await expect(item).toContainText('cơ bản')
  await expect(item).toContainText('12 phút')
  await expect(item).toContainText('8 bước')
  await app.screenshot('vi-lesson-picker')
  await item.getByRole('button', { name: /^Bắt đầu: 2\. Tạo một Pod/ }).click()
  await expect(picker).toBeHidden()

  const lesson = page.getByRole('region', { name: 'Bài học', exact: true })
  await expect(lesson).toContainText('Bước 1 / 8')
  await expect(lesson.getByRole('heading', { name: 'Sáu bước từ file YAML đến container đang chạy' })).toBeVisible()
  await expect(lesson.getByRole('button', { name: 'Quay lại' })).toBeDisabled()
  await expect(lesson.getByRole('button', { name: 'Sao chép link' })).toBeVisible()

  // Step 2 points at the POST hop, explained in Vietnamese.
  await lesson.getByRole('button', { name: 'Tiếp', exact: true }).click()
  await expect(lesson).toContainText('Bước 2 / 8')
  await expect(lesson.getByRole('button', { name: /^Xem hop \d+: kubectl yêu cầu apiserver tạo pod nginx\.$/ })).toBeVisible()
  await app.screenshot('vi-lesson-step-2')

  // Every remaining step: the prediction (step 4), the try-it step (step 8) and Finish.
  await app.playLessonThrough(LESSON_WORDS.vi, 8)
  await expect(lesson.getByRole('status').filter({ hasText: 'Đạt' })).toContainText('Pod web đang Running')
  await app.screenshot('vi-lesson-finished')

  // After a reload the language is still Vietnamese, and the picker marks the lesson done.
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('group', { name: 'Phát lại' }).getByRole('button', { name: 'Hop sau' })).toBeVisible()
  // The address bar reopens the lesson at its last step; the picker opens once it has.
  await expect(page.getByRole('region', { name: 'Bài học', exact: true })).toContainText('Bước 8 / 8')
  await page.getByRole('button', { name: 'Bài học', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Bài học' }).getByRole('listitem').filter({ hasText: '2. Tạo một Pod' })).toContainText('Đã hoàn thành')
})

test('a Vietnamese browser opens in Vietnamese; English stays one click away', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  await expect(page.getByRole('button', { name: 'Bài học', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('button', { name: 'Lessons', exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await context.close()
})
