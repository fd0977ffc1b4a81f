/** Help: what Podium shows, and the keyboard shortcuts. */
import { openDialog } from '../state/actions'
import { Dialog } from './Dialog'

export const SHORTCUTS: [string, string][] = [
  ['Space or K', 'Play / pause'],
  ['→ or L', 'Step forward one hop'],
  ['← or J', 'Step back one hop'],
  ['End', 'Skip to the latest hop'],
  ['Ctrl+Enter (⌘+Enter)', 'Apply the manifest in the editor'],
  ['↑ / ↓ in the console', 'Previous / next command'],
  ['Tab in the console', 'Complete a verb, resource type or name'],
  ['PageDown / PageUp', 'Next / previous lesson step'],
  ['P', 'Presenter mode (there → ← and Space move between steps, Escape leaves)'],
  ['?', 'Show this help'],
  ['Escape', 'Close a dialog'],
]

export function HelpDialog() {
  return (
    <Dialog title="Help and keyboard shortcuts" onClose={() => openDialog(null)}>
      <p>
        Podium runs a simulated Kubernetes v1.33 cluster in your browser. Every message between components is a <em>hop</em>: it travels
        along the diagram, appears in the timeline with an explanation, and its details (HTTP request, etcd write, scheduler decision)
        are in the inspector. Step through at your pace: stepping back restores exactly the earlier state.
      </p>
      <table className="shortcuts">
        <caption>Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([k, a]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{a}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small-text">Playback shortcuts work whenever the focus is not in the editor, the console or a form field.</p>
    </Dialog>
  )
}
