#!/usr/bin/env bash
# Deploys one service on the K3s host; run there by AWS SSM (AWS-RunShellScript) from the pipeline's
# Deploy target when the service's strategy is `ssm`.
#
#   deploy.sh [-b BUCKET] [-p PREFIX] [-n NAMESPACE] [-d DEPLOYMENT] [-c CONTAINER] [-t TIMEOUT] SERVICE IMAGE TAG
#
# With -b: downloads the service's kustomize base from s3://BUCKET/PREFIX/ (default prefix:
# applications/SERVICE), sets the image in a kustomize overlay and applies it with `kubectl apply -k`.
# Without -b: sets the image on the running Deployment with `kubectl set image`.
# DEPLOYMENT and CONTAINER default to SERVICE; NAMESPACE to todo; TIMEOUT (rollout wait) to 300s.
# Then waits for the rollout; when it fails, undoes it and exits 1. Usage errors exit 2.
set -euo pipefail

usage() {
  echo "usage: deploy.sh [-b BUCKET] [-p PREFIX] [-n NAMESPACE] [-d DEPLOYMENT] [-c CONTAINER] [-t TIMEOUT] SERVICE IMAGE TAG" >&2
  exit 2
}

bucket=""
prefix=""
namespace="todo"
deployment=""
container=""
timeout="300s"
while getopts ":b:p:n:d:c:t:h" opt; do
  case "$opt" in
    b) bucket="$OPTARG" ;;
    p) prefix="$OPTARG" ;;
    n) namespace="$OPTARG" ;;
    d) deployment="$OPTARG" ;;
    c) container="$OPTARG" ;;
    t) timeout="$OPTARG" ;;
    h | *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 3 ]] || usage
service="$1"
image="$2"
tag="$3"
[[ "$service" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || { echo "deploy.sh: invalid service name '$service'" >&2; exit 2; }
[[ -n "$image" && -n "$tag" ]] || usage
deployment="${deployment:-$service}"
container="${container:-$service}"
prefix="${prefix:-applications/$service}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

echo "Deploying $service: $image:$tag (namespace $namespace)"
if [[ -n "$bucket" ]]; then
  aws s3 cp --recursive --only-show-errors "s3://$bucket/$prefix/" "$workdir/base/"
  mkdir -p "$workdir/overlay"
  # An overlay keeps the downloaded base untouched and sets the image in the same apply: one rollout.
  # A patch by container name rather than an `images:` entry, because the base's own `images:` entry has
  # already renamed the image by the time an overlay's entry would look for it.
  cat >"$workdir/overlay/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: $deployment
      spec:
        template:
          spec:
            containers:
              - name: $container
                image: "$image:$tag"
YAML
  kubectl apply -k "$workdir/overlay"
else
  kubectl -n "$namespace" set image "deployment/$deployment" "$container=$image:$tag"
fi

if ! kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout="$timeout"; then
  echo "Rollout of $service failed; undoing it" >&2
  kubectl -n "$namespace" rollout undo "deployment/$deployment" || echo "Undo of $service failed too" >&2
  exit 1
fi
echo "Deployed $service: $image:$tag"
