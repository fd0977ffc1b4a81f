import { useEffect, useState } from 'react'

let yamlModule: Promise<typeof import('yaml')> | undefined

/** An object as YAML; the `yaml` package loads lazily (not needed before the diagram shows). */
export function useYaml(value: unknown): string {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2))
  useEffect(() => {
    let live = true
    yamlModule ??= import('yaml')
    void yamlModule.then((y) => {
      if (live) setText(value === undefined ? '' : y.stringify(value, { lineWidth: 0 }))
    })
    return () => {
      live = false
    }
  }, [value])
  return text
}
