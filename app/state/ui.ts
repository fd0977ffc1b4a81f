/**
 * UI-only commands: inspector tab, dialogs, notice, theme, the diagram's controllers, selections
 * and the editor tabs. Re-exported by ./actions, the one table of commands the UI calls.
 */
import { useStore, type InspectorTab, type State } from './store'

const THEME_KEY = 'podium:theme'
const set = useStore.setState
const get = useStore.getState

export function setInspectorTab(inspectorTab: InspectorTab) {
  set({ inspectorTab })
}

export function openDialog(dialog: State['dialog']) {
  set({ dialog })
}

export function dismissNotice() {
  set({ notice: null })
}

export function toggleTheme() {
  const theme = get().theme === 'dark' ? 'light' : 'dark'
  set({ theme })
  document.documentElement.dataset.theme = theme
  try {
    localStorage.setItem(THEME_KEY, theme)
  } catch {
    // Private mode: the theme just is not remembered.
  }
}

export function toggleControllers() {
  set({ expandControllers: !get().expandControllers })
}

export function selectObject(key: string | null) {
  set({ selectedKey: key, inspectorTab: 'objects' })
}

export function selectEtcdKey(key: string | null) {
  set({ selectedEtcdKey: key })
}

// ---------------------------------------------------------------------------------------------
// Editor tabs

export function setTabText(index: number, text: string) {
  const tabs = get().tabs.slice()
  if (!tabs[index]) return
  tabs[index] = { ...tabs[index], text }
  set({ tabs })
}

export function openTab(name: string, text: string) {
  const tabs = [...get().tabs]
  let unique = name
  for (let n = 2; tabs.some((t) => t.name === unique); n++) unique = name.replace(/(\.ya?ml)?$/, `-${n}$1`)
  tabs.push({ name: unique, text })
  set({ tabs, activeTab: tabs.length - 1 })
}

export function closeTab(index: number) {
  const tabs = get().tabs.filter((_, i) => i !== index)
  if (!tabs.length) tabs.push({ name: 'untitled.yaml', text: '' })
  set({ tabs, activeTab: Math.min(get().activeTab, tabs.length - 1) })
}

export function selectTab(activeTab: number) {
  set({ activeTab })
}

