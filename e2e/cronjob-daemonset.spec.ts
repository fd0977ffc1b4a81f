import { expect, test } from '@playwright/test'
import { Podium } from './podium'

const EVERY_MINUTE = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 2
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", "echo report done"]
`

test('a CronJob fires on its schedule: a Job named after the scheduled minute, its pod Completed, history kept', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.setEditorText(EVERY_MINUTE)
  await app.apply('cronjob.batch/report created')
  // The next whole minute of the virtual clock is at most 60 s away.
  await app.button('+30 s').click()
  await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await expect(app.pod('report-\\d+-.*', /Completed/).first()).toBeVisible({ timeout: 20_000 })
  // Job names are <cronjob>-<scheduled time in minutes since the epoch>.
  await app.kubectl('get jobs', /report-\d{8}\s+Complete\s+1\/1/)
  await app.kubectl('get cronjob report', /report\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+0\s+\d+s\s+/)
  await app.kubectl('logs job/' + (await jobName(app)), 'report done')
  // The timeline shows the CronJob controller creating the Job through the apiserver.
  await expect(app.region('Timeline')).toContainText(/POST \/apis\/batch\/v1\/namespaces\/default\/jobs/)
  await app.screenshot('cronjob-fired')

  // Three more minutes: three more Jobs, but only the two newest successful ones are kept.
  for (let i = 0; i < 6; i++) await app.button('+30 s').click()
  await app.button('Skip to end').click()
  await app.clearConsole()
  await app.kubectl('get jobs -o name')
  await expect(async () => {
    const lines = (await app.consoleOutput.innerText()).split('\n').filter((l) => l.startsWith('job.batch/report-'))
    expect(lines).toHaveLength(2)
  }).toPass({ timeout: 10_000 })
})

test('a DaemonSet puts a pod on a node added later, and the removed node loses its pod', async ({ page }) => {
  const app = new Podium(page)
  await app.open()
  await app.pause()
  await app.openExample('DaemonSet (fluentd)')
  await app.apply('daemonset.apps/node-logger created')
  await app.button('Skip to end').click()
  await expect(app.pod('node-logger-.*', /Running/)).toHaveCount(3, { timeout: 20_000 })

  const inspector = await app.inspectorTab('Nodes')
  const form = inspector.getByRole('form', { name: 'Add a node' })
  await form.getByRole('textbox', { name: 'Name' }).fill('node-4')
  await form.getByRole('button', { name: 'Add node' }).click()
  await app.button('Skip to end').click()
  await expect(page.getByRole('group', { name: /^Node node-4: Ready/ })).toBeVisible({ timeout: 20_000 })
  await expect(app.pod('node-logger-.*', /Running/)).toHaveCount(4, { timeout: 20_000 })
  await app.kubectl('get daemonset node-logger', /node-logger\s+4\s+4\s+4\s+4\s+4\s+/)
  await app.kubectl('get pods -o wide -l name=node-logger', /node-logger-\w{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-4/)
  await app.screenshot('daemonset-new-node')

  await inspector.getByRole('button', { name: 'Remove node-4' }).click()
  await app.button('Skip to end').click()
  await expect(app.pod('node-logger-.*', /Running/)).toHaveCount(3, { timeout: 20_000 })
  await app.kubectl('get daemonset node-logger', /node-logger\s+3\s+3\s+3\s+3\s+3\s+/)
})

async function jobName(app: Podium): Promise<string> {
  await app.clearConsole()
  await app.kubectl('get jobs -o name', 'job.batch/report-')
  const line = (await app.consoleOutput.innerText()).split('\n').find((l) => l.startsWith('job.batch/report-'))!
  return line.slice('job.batch/'.length).trim()
}
