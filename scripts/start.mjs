#!/usr/bin/env node
// `npm start`: serves the production build on http://127.0.0.1:4173/.
// Installs dependencies when node_modules is missing (npm ci), builds when dist/ is missing or
// older than the sources (or always with --build), then runs `vite preview`.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, statSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// vite.config.ts imports a .ts module without its extension (tsconfig forbids .ts extensions); quiet Vite's note about it.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true'

const root = fileURLToPath(new URL('..', import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const host = '127.0.0.1'
const port = process.env.PORT || '4173'

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/** Newest modification time of the files under `dir` (recursive). */
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

if (!existsSync(join(root, 'node_modules'))) {
  console.log('Installing dependencies (npm ci)…')
  run(npm, ['ci'])
}

const dist = join(root, 'dist', 'index.html')
const sources = Math.max(newest(join(root, 'app')), newest(join(root, 'src')), newest(join(root, 'public')), statSync(join(root, 'index.html')).mtimeMs, statSync(join(root, 'vite.config.ts')).mtimeMs, statSync(join(root, 'package-lock.json')).mtimeMs)
if (process.argv.includes('--build') || !existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the app (vite build)…')
  run(npx, ['vite', 'build'])
}

console.log(`\nPodium is at http://${host}:${port}/\n`)
const server = spawn(npx, ['vite', 'preview', '--host', host, '--port', port, '--strictPort'], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
