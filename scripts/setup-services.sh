#!/usr/bin/env bash
# Creates the project-local Python virtualenvs that the test suite's real servers run from:
#   .venv-services/mlflow   mlflow[auth] 3.x  (has users/list)
#   .venv-services/mlflow2  mlflow[auth] 2.x  (no users/list: the 404 fallback path)
#   .venv-services/moto     moto[server]      (moto_server for AWS)
#   .venv-services/wandb    wandb             (the W&B SDK, pointed at our GraphQL stub to cross-check it)
# Idempotent: a venv whose pinned package is already installed is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=.venv-services
PY=${PYTHON:-python3}
mkdir -p "$ROOT"

ensure() { # name, pip spec, module to import as the check, optional extra pip spec
  local name=$1 spec=$2 check=$3 extra=${4:-} venv="$ROOT/$1"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" 2>/dev/null; then
    echo "services: $name ready ($spec)"
    return
  fi
  echo "services: installing $spec into $venv (takes a minute or two)…"
  "$PY" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$spec" ${extra:+"$extra"}
  "$venv/bin/python" -c "$check"
}

ensure mlflow  'mlflow[auth]==3.17.2' 'import importlib.metadata as m, flask_wtf; assert m.version("mlflow") == "3.17.2"'
# mlflow 2.22 imports sqlalchemy.pool.FallbackAsyncAdaptedQueuePool, which SQLAlchemy 2.1 removed: pin 2.0.
ensure mlflow2 'mlflow[auth]==2.22.5' 'import importlib.metadata as m, flask_wtf; assert m.version("mlflow") == "2.22.5" and m.version("sqlalchemy").startswith("2.0.")' 'sqlalchemy==2.0.58'
ensure moto    'moto[server]==5.2.5'  'import importlib.metadata as m, flask; assert m.version("moto") == "5.2.5"'
# The W&B server is a container image and cannot run here: the SDK checks that our stub answers as W&B would.
ensure wandb   'wandb==0.31.0'        'import importlib.metadata as m, wandb; assert m.version("wandb") == "0.31.0"'
