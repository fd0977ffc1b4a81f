/** Manifests the engine's tests share. */

/** A Deployment `web` of nginx:1.27 pods labelled `app: web`. */
export function webDeployment(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`
}
