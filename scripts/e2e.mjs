#!/usr/bin/env node
// `npm run test:e2e`: builds the app when dist/ is missing or stale, then runs Playwright against
// the built app (playwright.config.ts starts `vite preview`). Installs nothing: Chromium comes from
// Debian's `chromium` package (/usr/bin/chromium) or CHROMIUM_PATH.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// vite.config.ts imports a .ts module without its extension (tsconfig forbids .ts extensions); quiet Vite's note about it.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true'

const root = fileURLToPath(new URL('..', import.meta.url))
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

function newest(dir) {
  let t = 0
  if (!existsSync(dir)) return t
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`)
  process.exit(1)
}

const dist = join(root, 'dist', 'index.html')
const sources = Math.max(newest(join(root, 'app')), newest(join(root, 'src')), newest(join(root, 'public')), statSync(join(root, 'index.html')).mtimeMs, statSync(join(root, 'vite.config.ts')).mtimeMs, statSync(join(root, 'package-lock.json')).mtimeMs)
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the app (vite build)…')
  const b = spawnSync(npx, ['vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (b.status !== 0) process.exit(b.status ?? 1)
}

const r = spawnSync(npx, ['playwright', 'test', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(r.status ?? 1)
