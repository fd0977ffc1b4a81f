import { describe, expect, it } from 'vitest'
import { consoleOutput } from './lessonHost'

describe('a lesson action in the console', () => {
  it('shows kubectl commands as typed, with their output', () => {
    const output = { stdout: 'pod/web created\n', stderr: '', exitCode: 0 }
    expect(consoleOutput({ action: { apply: 'kind: Pod' }, ok: true, output })).toEqual([{ command: 'kubectl apply -f -', stdout: 'pod/web created\n', stderr: '' }])
    expect(consoleOutput({ action: { kubectl: 'kubectl get pods' }, ok: true, output })[0].command).toBe('kubectl get pods')
    // `${…}` references filled in: the command as run.
    expect(consoleOutput({ action: { kubectl: 'delete pod ${pods:items[0].metadata.name}' }, ok: true, output, command: 'delete pod web-1' })[0].command).toBe('kubectl delete pod web-1')
  })

  it('shows a request from outside the cluster as curl, with the body or the error', () => {
    const action = { request: 'http://203.0.113.10/' }
    expect(consoleOutput({ action, ok: true, response: { status: 200, body: '<h1>Welcome</h1>\n', firstHop: 4 } })).toEqual([
      { command: 'curl http://203.0.113.10/', stdout: '<h1>Welcome</h1>\n', stderr: '', outside: true },
    ])
    expect(consoleOutput({ action, ok: true, response: { status: 204, body: '', firstHop: 4 } })[0].stdout).toBe('HTTP 204')
    expect(consoleOutput({ action, ok: false, response: { body: '', error: 'connection refused', firstHop: 4 }, error: 'curl: connection refused' })[0]).toMatchObject({
      stdout: '',
      stderr: 'curl: connection refused',
    })
  })

  it('shows nothing for actions that print nothing', () => {
    expect(consoleOutput({ action: { settle: true }, ok: true })).toEqual([])
  })
})
