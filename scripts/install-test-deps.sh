#!/usr/bin/env bash
# Installs the real AWS clients that packages/aws-emulator/test/clients/ drives, so CI covers both SQS wire
# protocols: Debian's python3-boto3 (boto3 1.26 under /usr/bin/python3 -> Query protocol) and Debian's awscli
# (v2, /usr/bin/aws). pyenv's python3 (boto3 1.43 -> AWS JSON 1.0, moto server) and awscli v1 are expected from
# the image and only reported here.
#
# Idempotent: does nothing when both are already present. Never fails CI: when apt-get is impossible (no apt,
# not root and no sudo, no network) it prints why and exits 0; the client tests then skip with that reason.
set -uo pipefail

log() { echo "install-test-deps: $*"; }

have_debian_boto3() { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import boto3" >/dev/null 2>&1; }
have_debian_aws() { [[ -x /usr/bin/aws ]]; }

report() {
  if have_debian_boto3; then
    log "/usr/bin/python3 boto3 $(/usr/bin/python3 -c 'import boto3; print(boto3.__version__)') (Query protocol)"
  else
    log "/usr/bin/python3 boto3: absent"
  fi
  if have_debian_aws; then log "$(/usr/bin/aws --version 2>&1 | head -n 1) at /usr/bin/aws"; else log "/usr/bin/aws: absent"; fi
  if command -v python3 >/dev/null 2>&1; then
    log "$(command -v python3): $(python3 -c 'import boto3, moto; print("boto3", boto3.__version__, "moto", moto.__version__)' 2>&1 | tail -n 1)"
  else
    log "python3: absent"
  fi
  if command -v aws >/dev/null 2>&1; then log "$(command -v aws): $(aws --version 2>&1 | head -n 1)"; else log "aws: absent"; fi
}

if have_debian_boto3 && have_debian_aws; then
  log "python3-boto3 and awscli already installed; nothing to do"
  report
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "SKIPPED: apt-get not found (not a Debian/Ubuntu machine); Debian boto3/awscli client tests will skip"
  report
  exit 0
fi

SUDO=()
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    log "SKIPPED: not root and no password-less sudo; Debian boto3/awscli client tests will skip"
    report
    exit 0
  fi
fi

started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update -q; then
  log "SKIPPED: apt-get update failed (offline or no package mirror?); Debian boto3/awscli client tests will skip"
  report
  exit 0
fi
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends python3-boto3 awscli; then
  log "SKIPPED: apt-get install python3-boto3 awscli failed; Debian boto3/awscli client tests will skip"
  report
  exit 0
fi
log "installed python3-boto3 and awscli in $(($(date +%s) - started)) s"
report
exit 0
