/**
 * Live mode (issue 6): the app opened from `npm run serve` shows the served cluster. The real
 * kubectl 1.33, run in a terminal (a child process), creates a Deployment and the app animates it;
 * a command typed in the app's console changes the cluster the real kubectl sees. The served
 * engine runs in this process on a free port, serving the build named by PODIUM_LIVE_DIST
 * (default dist/), so this test does not need the preview server the other tests use.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Locator } from '@playwright/test'
import { writeKubeconfig } from '../server/kubeconfig'
import { startServer, type PodiumServer } from '../server/server'
import { Podium } from './podium'

const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const DIST = resolve(process.env.PODIUM_LIVE_DIST ?? 'dist')
const skipReason = !existsSync(KUBECTL)
  ? `no kubectl 1.33 at ${KUBECTL} (set KUBECTL to its path)`
  : !existsSync(join(DIST, 'index.html'))
    ? `no built app in ${DIST} (run vite build, or set PODIUM_LIVE_DIST)`
    : ''
if (skipReason) console.warn(`e2e/live.spec.ts: skipped, ${skipReason}`)

let server: PodiumServer
let dir: string

/** The real kubectl against the served cluster, as a terminal would run it. */
function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((ok) => {
    execFile(KUBECTL, args, { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache') }, timeout: 60_000 }, (err, stdout, stderr) =>
      ok({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
    )
  })
}

const WEB_RUNNING = /^Pod web-[a-z0-9]+-[a-z0-9]{5}: Running$/

/** Jumps to the latest hop until `pods` counts `n` (the hops may still be arriving). */
async function skipUntilCount(app: Podium, pods: Locator, n: number) {
  await expect
    .poll(async () => {
      await app.button('Skip to end').click()
      return pods.count()
    }, { timeout: 45_000 })
    .toBe(n)
}

/** Four virtual seconds per real second, as serve.test.ts: pods start in a few real seconds. */
const serve = (port = 0) => startServer({ port, speed: 4, staticDir: DIST, kubectlBinary: KUBECTL, epoch: Date.now() })

test.describe('live mode: the app shows the cluster npm run serve runs', () => {
  test.skip(!!skipReason, skipReason)

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podium-live-'))
    server = await serve()
    writeKubeconfig(join(dir, 'kubeconfig'), server)
  })
  test.afterAll(async () => {
    await server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  test('real kubectl and the app console act on one cluster, both animated', async ({ page }) => {
    test.setTimeout(120_000)
    const app = new Podium(page)
    const host = new URL(server.url).host
    await app.open(server.url)
    const badge = page.getByRole('status', { name: `Cluster: served by npm run serve at ${host}`, exact: true })
    await expect(badge).toBeVisible()
    await expect(badge).toHaveText(`Served · ${host}`)

    // A terminal: the real kubectl creates a Deployment on the served cluster.
    const clock = page.getByRole('timer', { name: 'Virtual clock' })
    const cursor = async () => Number(/hop (\d+) \//.exec(await clock.innerText())?.[1])
    const before = await cursor()
    const created = await kubectl('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2')
    expect(created.stderr).toBe('')
    expect(created.stdout).toBe('deployment.apps/web created\n')

    // The app animates it: its hops arrive as they happen (the timeline shows the real kubectl's
    // POST) and the pods end Running on the diagram.
    await expect(app.region('Timeline')).toContainText('POST /apis/apps/v1/namespaces/default/deployments')
    await expect.poll(cursor).toBeGreaterThan(before) // playing by itself
    const webPods = app.region('Architecture diagram').getByRole('button', { name: WEB_RUNNING })
    await skipUntilCount(app, webPods, 2)
    await app.screenshot('live-real-kubectl')

    // The app's console: the engine's kubectl on the same cluster; the real kubectl sees its effect.
    await app.kubectl('scale deployment web --replicas=3', 'deployment.apps/web scaled')
    await expect.poll(async () => (await kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('3')
    await skipUntilCount(app, webPods, 3)
    const real = await kubectl('get', 'pods', '-l', 'app=web', '--no-headers')
    expect(real.stdout.trim().split('\n')).toHaveLength(3)

    // Step back works on the received log: before the scale, two pods.
    await app.pause()
    for (let i = 0; i < 300 && (await webPods.count()) !== 2; i++) await app.button('Step back').click()
    await expect(webPods).toHaveCount(2)
    await app.button('Skip to end').click()
    await expect(webPods).toHaveCount(3)

    // What the served cluster cannot do says why instead.
    const reset = app.button('Reset')
    await expect(reset).toHaveAttribute('aria-disabled', 'true')
    await reset.click({ force: true }) // aria-disabled: still focusable and clickable, it says why
    await expect(page.getByRole('status').filter({ hasText: 'cannot be reset from here' })).toBeVisible()
    await expect(webPods).toHaveCount(3)
    await app.screenshot('live-console')

    // In Vietnamese too.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    await expect(page.getByRole('status', { name: `Cluster: do npm run serve phục vụ tại ${host}`, exact: true })).toBeVisible()
    await app.screenshot('live-vi')
    await page.getByRole('button', { name: 'English' }).click()

    // Share offers the served session's scenario; opened, it replays in a cluster of the browser's own.
    await app.button('Share').click()
    const share = page.getByRole('dialog', { name: 'Share this scenario' })
    const link = await share.getByRole('textbox', { name: 'Share link' }).inputValue()
    expect(link).toContain('#share=')
    await share.getByRole('button', { name: 'Done' }).click()
    const replay = new Podium(await page.context().newPage())
    await replay.open(link)
    await expect(replay.page.getByRole('status', { name: 'Cluster: in this browser', exact: true })).toBeVisible()
    await skipUntilCount(replay, replay.region('Architecture diagram').getByRole('button', { name: WEB_RUNNING }), 3)
    await replay.page.close()

    // The server goes away: the badge says so and the app keeps what it has; it comes back.
    const port = server.port
    await server.close()
    await expect(page.getByRole('status', { name: `Cluster: served by npm run serve at ${host}, disconnected; reconnecting…`, exact: true })).toBeVisible()
    await expect(webPods).toHaveCount(3)
    await app.screenshot('live-disconnected')
    server = await serve(port)
    await expect(badge).toBeVisible({ timeout: 20_000 })
    // A new server is a new cluster: the app starts over from it (no web pods there).
    await expect(webPods).toHaveCount(0)
    await expect(page.getByRole('status').filter({ hasText: 'restarted' })).toBeVisible()
  })
})
