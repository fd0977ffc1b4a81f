import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { generateKubernetesSchema } from './app/editor/k8sSchema'

/**
 * `virtual:k8s-schema`: the Kubernetes JSON schema for monaco-yaml, generated at build time from
 * the `kubernetes-types` declarations (see app/editor/k8sSchema.ts). Only the lazy Monaco chunk
 * imports it, so it costs nothing before the diagram shows, and nothing is fetched at run time.
 */
function kubernetesSchema(): Plugin {
  const id = 'virtual:k8s-schema'
  const resolved = '\0' + id
  return {
    name: 'podium-k8s-schema',
    resolveId: (source) => (source === id ? resolved : undefined),
    load: (source) => (source === resolved ? `export default ${JSON.stringify(generateKubernetesSchema())}` : undefined),
  }
}

export default defineConfig({
  plugins: [react(), kubernetesSchema()],
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
})
