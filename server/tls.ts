/**
 * A self-signed certificate for `npm run serve --https`, made with the `openssl` command (Node
 * has no certificate generator). Valid for 127.0.0.1, ::1 and localhost only.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'podium-tls-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=podium-apiserver',
      '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
    ], { stdio: 'pipe' })
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
