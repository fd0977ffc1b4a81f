/**
 * Monaco, created in one factory and loaded lazily (its own chunk, never needed before the
 * diagram). Only the YAML language is registered, with monaco-yaml and the Kubernetes schema
 * generated at build time (`virtual:k8s-schema`); `enableSchemaRequest: false`, so nothing is
 * fetched at run time and the editor works offline.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js'
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js'
import { configureMonacoYaml } from 'monaco-yaml'
import kubernetesSchema from 'virtual:k8s-schema'
import type { editor as MonacoEditorNS } from 'monaco-editor'

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker }
  }
}

self.MonacoEnvironment = {
  getWorker(_: string, label: string) {
    if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' })
    return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module', name: 'editor' })
  },
}

/**
 * monaco-yaml (through monaco-worker-manager) still calls `editor.createWebWorker` with the old
 * `{ moduleId, label, createData }` options. Monaco's full `editor.main.js` adapts those; we import
 * the smaller `edcore.main.js` (YAML only), so we install the same adapter here.
 */
const createWebWorker = monaco.editor.createWebWorker
type LegacyWorkerOptions = { moduleId?: string; label?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean; worker?: unknown }
;(monaco.editor as { createWebWorker: unknown }).createWebWorker = (opts: LegacyWorkerOptions) => {
  if (opts.worker !== undefined) return createWebWorker(opts as never)
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker('workerMain.js', opts.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore')
    w.postMessage(opts.createData)
    return w
  })
  return createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels } as never)
}

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  // kubectl reads YAML 1.1 (go-yaml v2), so the editor parses as it does (`yes` is a boolean).
  // Note: the schema check does not mark a boolean in a string field yet; Apply's error does.
  yamlVersion: '1.1',
  format: { enable: true },
  schemas: [
    {
      // Only a name shown as the hover's source: with enableSchemaRequest false it is never fetched.
      uri: 'https://podium.local/schemas/kubernetes.json',
      fileMatch: ['*'],
      schema: kubernetesSchema as never,
    },
  ],
})

export type MonacoEditor = MonacoEditorNS.IStandaloneCodeEditor

export interface EditorHandle {
  editor: MonacoEditor
  /** Shows the tab named `name` with `text` (one model per tab, so undo history stays per tab). */
  show(name: string, text: string): void
  setTheme(theme: 'light' | 'dark'): void
  /** The marker messages of the current model (validation), for tests and the status line. */
  markers(): { severity: 'error' | 'warning' | 'info'; message: string; line: number }[]
  dispose(): void
}

export interface EditorOptions {
  theme: 'light' | 'dark'
  onChange(name: string, text: string): void
  onApply(): void
  onMarkers?(count: { errors: number; warnings: number }): void
}

/** Creates the editor in `container`. */
export function createEditor(container: HTMLElement, opts: EditorOptions): EditorHandle {
  const models = new Map<string, MonacoEditorNS.ITextModel>()
  let current: string | undefined
  let modelCount = 0
  const editor = monaco.editor.create(container, {
    language: 'yaml',
    theme: opts.theme === 'dark' ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    scrollBeyondLastLine: false,
    renderWhitespace: 'boundary',
    quickSuggestions: { other: true, comments: false, strings: true },
    ariaLabel: 'YAML manifest',
    // React Flow's page-wide key handler does not recognise Monaco's EditContext input and would
    // swallow Space and Backspace (STACK-NOTES trap 3); the container also has class "nokey".
    editContext: false,
    fixedOverflowWidgets: true,
  })
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onApply())
  editor.onDidChangeModelContent(() => {
    const model = editor.getModel()
    if (model && current !== undefined) opts.onChange(current, model.getValue())
  })
  const countMarkers = () => {
    const model = editor.getModel()
    if (!model || !opts.onMarkers) return
    const ms = monaco.editor.getModelMarkers({ resource: model.uri })
    opts.onMarkers({
      errors: ms.filter((m) => m.severity === monaco.MarkerSeverity.Error).length,
      warnings: ms.filter((m) => m.severity === monaco.MarkerSeverity.Warning).length,
    })
  }
  const markerSub = monaco.editor.onDidChangeMarkers(countMarkers)

  return {
    editor,
    show(name, text) {
      let model = models.get(name)
      if (!model) {
        model = monaco.editor.createModel(text, 'yaml', monaco.Uri.parse(`file:///podium/${++modelCount}/${encodeURIComponent(name)}`))
        models.set(name, model)
      } else if (model.getValue() !== text) {
        model.setValue(text)
      }
      current = name
      if (editor.getModel() !== model) editor.setModel(model)
      countMarkers()
    },
    setTheme(theme) {
      monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs')
    },
    markers() {
      const model = editor.getModel()
      if (!model) return []
      return monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => ({
        severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info',
        message: m.message,
        line: m.startLineNumber,
      }))
    },
    dispose() {
      markerSub.dispose()
      editor.dispose()
      for (const m of models.values()) m.dispose()
    },
  }
}
