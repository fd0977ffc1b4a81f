/**
 * `npm run bench`: the engine's figures, measured on the engine as the app ships it.
 *
 * The app runs the engine bundled by Vite (one scope-hoisted module in the Web Worker). Run from
 * TypeScript sources through tsx instead, every call across modules goes through CommonJS export
 * getters, which made the small figures about 13% slower than the shipped code. So the bench is
 * bundled by the same bundler (Vite's build) first, then run by Node.
 * `node scripts/bench.mjs --tsx` runs the sources through tsx as before, for comparison.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

if (process.argv.includes('--tsx')) {
  run(['--expose-gc', '--import', 'tsx', 'bench/engine.bench.ts'])
} else {
  const { build } = await import('vite')
  const outDir = join(root, 'node_modules/.cache/podium-bench')
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'bench/engine.bench.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: '[name].mjs' } },
    },
  })
  run(['--expose-gc', join(outDir, 'engine.bench.mjs')])
}
run(['--import', 'tsx', 'bench/serve.bench.ts'])
