# Shared settings for the project's scripts (sourced, not run).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/floorperp/target}"
export FLOORPERP_NODE="${FLOORPERP_NODE:-$CARGO_TARGET_DIR/debug/floorperp-node}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
