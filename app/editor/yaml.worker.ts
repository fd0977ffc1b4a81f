// The YAML language service's worker (monaco-yaml); bundled by Vite, no CDN.
import 'monaco-yaml/yaml.worker.js'
