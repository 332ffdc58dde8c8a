#!/usr/bin/env bash
# Deploys one service on the K3s host; run there by AWS SSM (AWS-RunShellScript) from the pipeline's
# Deploy target when the service's strategy is `ssm`.
#
#   deploy.sh [-a ARCHIVE | -b BUCKET [-p PREFIX]] [-r REGION] [-n NAMESPACE] [-k KIND] [-d NAME]
#             [-c CONTAINER] [-g DIGEST] [-t TIMEOUT] [-q REQUEST_TIMEOUT] [-N] SERVICE IMAGE TAG
#
# -a: s3://BUCKET/KEY of manifests.tar.gz, the manifests the pipeline rendered (image already set): they are
#     applied as they are, after checking they name IMAGE:TAG[@DIGEST].
# -b: downloads the service's kustomize base from s3://BUCKET/PREFIX/ (default prefix: applications/SERVICE),
#     sets the image in a kustomize overlay and applies it with `kubectl apply -k`.
# Neither: sets the image on the running workload with `kubectl set image`.
# KIND is deployment (default), statefulset or daemonset; NAME and CONTAINER default to SERVICE; NAMESPACE to
# todo; TIMEOUT (rollout wait) to 300s; REQUEST_TIMEOUT (each API call) to 30s.
# Checks the K3s API health first, then waits for the rollout; when it fails, undoes it (unless -N: the
# pipeline's guarded rollback decides) and exits 1. Usage errors exit 2 before the cluster is touched.
set -euo pipefail

usage() {
  echo "usage: deploy.sh [-a ARCHIVE | -b BUCKET [-p PREFIX]] [-r REGION] [-n NAMESPACE] [-k KIND] [-d NAME] [-c CONTAINER] [-g DIGEST] [-t TIMEOUT] [-q REQUEST_TIMEOUT] [-N] SERVICE IMAGE TAG" >&2
  exit 2
}

invalid() {
  echo "deploy.sh: invalid $1 '$2'" >&2
  exit 2
}

label='^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'
archive=""
bucket=""
prefix=""
region=""
namespace="todo"
kind="deployment"
name=""
container=""
digest=""
timeout="300s"
request_timeout="30s"
undo=true
while getopts ":a:b:p:r:n:k:d:c:g:t:q:Nh" opt; do
  case "$opt" in
    a) archive="$OPTARG" ;;
    b) bucket="$OPTARG" ;;
    p) prefix="$OPTARG" ;;
    r) region="$OPTARG" ;;
    n) namespace="$OPTARG" ;;
    k) kind="$OPTARG" ;;
    d) name="$OPTARG" ;;
    c) container="$OPTARG" ;;
    g) digest="$OPTARG" ;;
    t) timeout="$OPTARG" ;;
    q) request_timeout="$OPTARG" ;;
    N) undo=false ;;
    h | *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 3 ]] || usage
service="$1"
image="$2"
tag="$3"
name="${name:-$service}"
container="${container:-$service}"
prefix="${prefix:-applications/$service}"

# The same grammars as the pipeline: DNS-1123 labels, OCI repository paths with an optional registry host[:port],
# OCI tags and digests. Nothing below is ever interpolated into code, but a bad value fails here, loudly.
[[ "$service" =~ $label ]] || invalid "service name" "$service"
[[ "$namespace" =~ $label ]] || invalid namespace "$namespace"
[[ "$name" =~ $label ]] || invalid "workload name" "$name"
[[ "$container" =~ $label ]] || invalid "container name" "$container"
[[ "$kind" =~ ^(deployment|statefulset|daemonset)$ ]] || invalid "workload kind" "$kind"
[[ -n "$image" && -n "$tag" ]] || usage
[[ "$image" =~ ^([a-zA-Z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$ ]] || invalid image "$image"
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]] || invalid tag "$tag"
[[ -z "$digest" || "$digest" =~ ^sha256:[a-f0-9]{64}$ ]] || invalid digest "$digest"
[[ "$timeout" =~ ^[0-9]+[smh]$ ]] || invalid timeout "$timeout"
[[ "$request_timeout" =~ ^[0-9]+[smh]$ ]] || invalid "request timeout" "$request_timeout"
[[ -z "$region" || "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || invalid region "$region"
[[ -z "$bucket" || "$bucket" =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || invalid bucket "$bucket"
[[ -z "$archive" || "$archive" =~ ^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9._/-]+$ ]] || invalid archive "$archive"
[[ "$prefix" =~ ^[A-Za-z0-9._/-]+$ ]] || invalid prefix "$prefix"
[[ -z "$archive" || -z "$bucket" ]] || usage

reference="$image:$tag${digest:+@$digest}"
case "$kind" in
  deployment) kind_name=Deployment ;;
  statefulset) kind_name=StatefulSet ;;
  *) kind_name=DaemonSet ;;
esac
aws_args=(--only-show-errors)
[[ -z "$region" ]] || aws_args+=(--region "$region")

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

echo "Deploying $service: $reference ($kind/$name in namespace $namespace)"
# Inputs first (a missing bucket or a wrong bundle fails without a cluster call), then the API's health, then the apply.
apply=(-n "$namespace" set image "$kind/$name" "$container=$reference")
if [[ -n "$archive" ]]; then
  aws s3 cp "${aws_args[@]}" "$archive" "$workdir/manifests.tar.gz"
  mkdir -p "$workdir/manifests"
  tar -xzf "$workdir/manifests.tar.gz" -C "$workdir/manifests"
  if ! grep -qF -- "$reference" "$workdir/manifests/manifests.yaml"; then
    echo "deploy.sh: the manifests in $archive do not name $reference; nothing was applied" >&2
    exit 1
  fi
  apply=(apply -f "$workdir/manifests/manifests.yaml")
elif [[ -n "$bucket" ]]; then
  aws s3 cp --recursive "${aws_args[@]}" "s3://$bucket/$prefix/" "$workdir/base/"
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
      kind: $kind_name
      metadata:
        name: $name
      spec:
        template:
          spec:
            containers:
              - name: $container
                image: "$reference"
YAML
  apply=(apply -k "$workdir/overlay")
fi

if ! kubectl get --raw=/readyz --request-timeout="$request_timeout" >/dev/null; then
  echo "deploy.sh: the K3s API is not healthy (kubectl get --raw=/readyz failed); nothing was applied" >&2
  exit 1
fi
kubectl "${apply[@]}" --request-timeout="$request_timeout"

if ! kubectl -n "$namespace" rollout status "$kind/$name" --timeout="$timeout"; then
  kubectl -n "$namespace" get pods -o wide --request-timeout="$request_timeout" || true
  if [[ "$undo" == true ]]; then
    echo "Rollout of $service failed; undoing it" >&2
    kubectl -n "$namespace" rollout undo "$kind/$name" --request-timeout="$request_timeout" || echo "Undo of $service failed too" >&2
  else
    echo "Rollout of $service failed; left for the pipeline's rollback" >&2
  fi
  exit 1
fi
kubectl -n "$namespace" get pods -o wide --request-timeout="$request_timeout" || true
echo "Deployed $service: $reference"
