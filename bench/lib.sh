# bench/lib.sh: the server bookkeeping bench/run.sh and bench/tail.sh share.
# Source it once WORK (a scratch directory) and die() are defined. Each
# server started goes into PIDS; on exit every one of them is stopped by its
# own pid (never by name: other servers may be running) and WORK is removed.
# shellcheck shell=bash

PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # port path seconds: until the server answers anything < 500
    local port=$1 path=$2 end=$((SECONDS + ${3:-20})) code
    while [ $SECONDS -lt $end ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "http://127.0.0.1:$port$path" 2>/dev/null || true)
        case $code in [1-4]??) return 0 ;; esac
        sleep 0.05
    done
    die "nothing answered on port $port$path"
}
