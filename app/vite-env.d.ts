/// <reference types="vite/client" />

declare module 'virtual:k8s-schema' {
  const schema: Record<string, unknown>
  export default schema
}

declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor'
}
