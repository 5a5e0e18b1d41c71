#!/usr/bin/env bash
# Installs the Debian packages Bitfold needs (skipping those present) and builds it.
# Usage: scripts/setup.sh [build-dir]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}

PACKAGES=(
  build-essential cmake pkg-config zlib1g-dev
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libgl-dev
  nlohmann-json3-dev libbenchmark-dev
  libonnx-dev libprotobuf-dev
  libxrt-dev
  dataset-fashion-mnist
  libtorch-dev libopenblas0-pthread
  xvfb xauth
  clang libclang-rt-dev
  openssh-client openssh-server
  jq
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bitfold: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # openssh-server is for the remote-run tests, which start their own sshd on a loopback port
  # (tests/remote/sshd_server.h): the package must not start (or enable) the system's sshd.
  # policy-rc.d exiting 101 forbids service starts during the install.
  policy=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$policy" ]; then
    created_policy=1
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    trap '$SUDO rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ -n "$created_policy" ]; then $SUDO rm -f "$policy"; trap - EXIT; fi
  if [[ " ${missing[*]} " == *" openssh-server "* ]]; then
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      $SUDO systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
    fi
    # Anything still listening as the system's sshd (started despite the policy) is stopped.
    if [ -f /run/sshd.pid ]; then $SUDO kill "$(cat /run/sshd.pid)" 2>/dev/null || true; fi
  fi
fi

JOBS=$(nproc)
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
