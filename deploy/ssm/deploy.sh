#!/usr/bin/env bash
# Deploys one service on the K3s host; run there by AWS SSM (AWS-RunShellScript) from the pipeline's
# Deploy target when the service's strategy is `ssm`.
#
#   deploy.sh [-b BUCKET] [-p PREFIX] [-n NAMESPACE] [-c CONTAINER] [-t TIMEOUT] SERVICE IMAGE TAG
#
# With -b: downloads the service's kustomize base from s3://BUCKET/PREFIX/ (default prefix:
# applications/SERVICE), overlays the image with kustomize and applies it with `kubectl apply -k`.
# Without -b: sets the image on the running Deployment with `kubectl set image`.
# Then waits for the rollout; when it fails, undoes it and exits 1. Usage errors exit 2.
set -euo pipefail

usage() {
  echo "usage: deploy.sh [-b BUCKET] [-p PREFIX] [-n NAMESPACE] [-c CONTAINER] [-t TIMEOUT] SERVICE IMAGE TAG" >&2
  exit 2
}

bucket=""
prefix=""
namespace="todo"
container=""
timeout="300s"
while getopts ":b:p:n:c:t:h" opt; do
  case "$opt" in
    b) bucket="$OPTARG" ;;
    p) prefix="$OPTARG" ;;
    n) namespace="$OPTARG" ;;
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
container="${container:-$service}"
prefix="${prefix:-applications/$service}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

echo "Deploying $service: $image:$tag (namespace $namespace)"
if [[ -n "$bucket" ]]; then
  aws s3 cp --recursive --only-show-errors "s3://$bucket/$prefix/" "$workdir/base/"
  mkdir -p "$workdir/overlay"
  # An overlay keeps the downloaded base untouched and sets the image in one apply: a single rollout.
  cat >"$workdir/overlay/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
images:
  - name: $service
    newName: $image
    newTag: "$tag"
YAML
  kubectl apply -k "$workdir/overlay"
else
  kubectl -n "$namespace" set image "deployment/$service" "$container=$image:$tag"
fi

if ! kubectl -n "$namespace" rollout status "deployment/$service" --timeout="$timeout"; then
  echo "Rollout of $service failed; undoing it" >&2
  kubectl -n "$namespace" rollout undo "deployment/$service" || echo "Undo of $service failed too" >&2
  exit 1
fi
echo "Deployed $service: $image:$tag"
