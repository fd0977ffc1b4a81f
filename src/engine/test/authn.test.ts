/** Authentication: client certificates, the static token file, service account tokens; a student with limited rights. */
import { describe, expect, it } from 'vitest'
import { issueServiceAccountToken, verifyServiceAccountToken } from '../apiserver/serviceaccounttoken'
import { createCluster, runScenario } from '../index'
import { webDeployment } from './manifests'

const DEPLOY = webDeployment(1)

describe('the student user', () => {
  it('may edit in dev and view in default, and nothing else', () => {
    const c = createCluster({ seed: 4, nodes: 1, student: 'available' })
    expect(c.kubectl('auth can-i create deployments --as=student -n dev')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 })
    expect(c.kubectl('auth can-i create deployments --as=student -n default')).toEqual({ stdout: 'no\n', stderr: '', exitCode: 1 })
    expect(c.kubectl('auth can-i list pods --user=student -n default').stdout).toBe('yes\n')
    expect(c.kubectl('auth can-i list pods --user=student -n kube-system').stdout).toBe('no\n')
    expect(c.kubectl('get pods -n kube-system --user=student')).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): pods is forbidden: User "student" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
      exitCode: 1,
    })
    expect(c.kubectl('apply -f - -n dev --user=student', DEPLOY)).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 })
    const denied = c.kubectl('apply -f - --user=student', DEPLOY)
    expect(denied.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": deployments.apps is forbidden: User "student" cannot create resource "deployments" in API group "apps" in the namespace "default"\n')
    expect(c.kubectl('get nodes --user=student').stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "student" cannot list resource "nodes" in API group "" at the cluster scope\n')
    // The admin is still kubectl's current user.
    expect(c.kubectl('get nodes --no-headers').exitCode).toBe(0)
  })

  it('names the authentication method on the response hop', () => {
    const c = createCluster({ seed: 4, nodes: 1, student: 'available' })
    c.kubectl('create configmap hello -n dev --from-literal=a=b --user=student')
    const res = c.hops().find((h) => h.kind === 'response' && h.to === 'kubectl' && h.detail?.pipeline)
    expect(res?.detail?.pipeline?.[0]).toBe('authentication: student (bearer token)')
    c.kubectl('create configmap admin -n default --from-literal=a=b')
    const admin = c.hops().filter((h) => h.kind === 'response' && h.to === 'kubectl' && h.detail?.pipeline).pop()
    expect(admin?.detail?.pipeline?.[0]).toBe('authentication: kubernetes-admin (client certificate)')
  })

  it("acts as kubectl's current user with student: 'current', and replays from its scenario", () => {
    const c = createCluster({ seed: 4, nodes: 1, student: 'current' })
    expect(c.kubectl('get pods -n kube-system').stderr).toContain('User "student" cannot list resource "pods"')
    expect(c.kubectl('get pods --user=kubernetes-admin -n kube-system').exitCode).toBe(0)
    expect(c.scenario().student).toBe('current')
    const again = runScenario(c.scenario())
    expect(again.kubectl('auth can-i create pods -n dev').stdout).toBe('yes\n')
  })
})

describe('bearer tokens', () => {
  it('answers a bad token with 401 Unauthorized', () => {
    const c = createCluster({ seed: 4, nodes: 1, student: 'available' })
    expect(c.kubectl('get pods --user=student --token=not-a-token')).toEqual({ stdout: '', stderr: 'error: You must be logged in to the server (Unauthorized)\n', exitCode: 1 })
    const res = c.hops().filter((h) => h.to === 'kubectl').pop()
    expect(res?.summary).toBe('401 Unauthorized: Unauthorized')
    expect(res?.detail?.pipeline).toEqual(['authentication: failed, no authenticator accepts the credentials'])
  })

  it('knows only the users of the kubeconfig', () => {
    const c = createCluster({ seed: 4, nodes: 1 })
    expect(c.kubectl('get pods --user=student')).toEqual({ stdout: '', stderr: 'error: auth info "student" does not exist\n', exitCode: 1 })
  })

  it('authenticates a service account token as the service account', () => {
    const c = createCluster({ seed: 4, nodes: 1, student: 'available' })
    expect(c.kubectl('create serviceaccount robot -n dev').exitCode).toBe(0)
    expect(c.kubectl('create rolebinding robot-view -n dev --clusterrole=view --serviceaccount=dev:robot').exitCode).toBe(0)
    const token = c.kubectl('create token robot -n dev').stdout.trim()
    expect(token.split('.')).toHaveLength(3)
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; iss: string }
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:dev:robot', iss: 'https://kubernetes.default.svc.cluster.local' })
    // The student's entry has no client certificate, so the token is what the apiserver checks.
    expect(c.kubectl(`get pods -n dev --user=student --token=${token}`)).toEqual({ stdout: '', stderr: 'No resources found in dev namespace.\n', exitCode: 0 })
    expect(c.kubectl(`get pods -n default --user=student --token=${token}`).stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:dev:robot" cannot list resource "pods" in API group "" in the namespace "default"\n',
    )
    // A tampered token, and the token of a deleted account, no longer authenticate.
    const [h, p, sig] = token.split('.')
    const forged = Buffer.from(Buffer.from(p, 'base64url').toString().replace('robot', 'admin')).toString('base64url')
    expect(c.kubectl(`get pods -n dev --user=student --token=${h}.${forged}.${sig}`).stderr).toBe('error: You must be logged in to the server (Unauthorized)\n')
    c.kubectl('delete serviceaccount robot -n dev')
    expect(c.kubectl(`get pods -n dev --user=student --token=${token}`).stderr).toBe('error: You must be logged in to the server (Unauthorized)\n')
    expect(c.kubectl('create token nobody -n dev').stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n')
    c.kubectl('create serviceaccount robot -n dev')
    expect(c.kubectl('create token robot -n dev --duration=10s').stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes\n',
    )
  })
})

describe('service account token audiences', () => {
  it('authenticates a token for the apiserver, not one minted for another audience', () => {
    const uid = 'b6f6a1f2-0000-4000-8000-000000000001'
    const lookup = () => uid
    const own = issueServiceAccountToken('dev', 'robot', uid, 'jti-1', 1_000, 3600).token
    const vault = issueServiceAccountToken('dev', 'robot', uid, 'jti-2', 1_000, 3600, ['vault']).token
    expect(verifyServiceAccountToken(own, 1_100, lookup)?.name).toBe('system:serviceaccount:dev:robot')
    expect(verifyServiceAccountToken(vault, 1_100, lookup)).toBeUndefined()
  })
})
