# tests/lib/server.sh: starting and stopping `policyfacts serve` from a
# shell test (source it). The same contract as tests/lib/pfserver.py
# (Python) and tests/lib/server.cjs (Node.js); tests/README.md describes it:
#   start  $PF_BIN serve --bind 127.0.0.1 --port 0 OPTIONS..., stderr to a log
#   port   read from the log's start line ("event":"start" ... "port":N),
#          or the --port N the caller gave
#   ready  once GET /healthz answers 200
#   stop   SIGTERM, then wait for the exit; SIGKILL only after a timeout
# shellcheck shell=bash

# pf_serve LOG [OPTIONS...]: starts the server with its output in LOG and
# waits until it is ready (--bind 127.0.0.1 --port 0 unless OPTIONS say). Sets PF_PID, PF_PORT and
# PF_URL. On failure (exit before ready, or not ready within
# PF_START_SECONDS, default 20) prints the log's tail, stops what it started
# and returns 1. Env: PF_BIN (default build/policyfacts), PF_SERVE_WRAPPER
# (a command the server runs under, e.g. valgrind with its options).
pf_serve() {
    local log=$1 port="" bind="" a prev="" end
    shift
    for a in "$@"; do
        [[ $prev == --port ]] && port=$a
        [[ $prev == --bind ]] && bind=$a
        prev=$a
    done
    local defaults=()
    [[ -z $bind ]] && defaults+=(--bind 127.0.0.1)
    [[ -z $port ]] && { defaults+=(--port 0); port=0; }
    PF_PID="" PF_PORT="" PF_URL=""
    # shellcheck disable=SC2086 # the wrapper is a command line
    ${PF_SERVE_WRAPPER:-} "${PF_BIN:-build/policyfacts}" serve "${defaults[@]}" "$@" >"$log" 2>&1 &
    PF_PID=$!
    end=$((SECONDS + ${PF_START_SECONDS:-20}))
    while ((SECONDS < end)); do
        if [[ $port == 0 ]]; then
            PF_PORT=$(grep -o '"event":"start".*"port":[0-9]*' "$log" 2>/dev/null |
                grep -o '"port":[0-9]*' | head -n1 | cut -d: -f2 || true)
        else
            PF_PORT=$port
        fi
        if [[ -n $PF_PORT ]] && pf_healthy "$PF_PORT"; then
            PF_URL=http://127.0.0.1:$PF_PORT
            return 0
        fi
        kill -0 "$PF_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "pf_serve: the server did not become ready (pid $PF_PID, log $log):" >&2
    tail -n 20 "$log" >&2
    pf_stop "$PF_PID" 2 >/dev/null 2>&1
    PF_PID="" PF_PORT=""
    return 1
}

# pf_healthy PORT: true when GET /healthz on 127.0.0.1:PORT answers 200.
# Plain bash (no curl), so that it works before anything is installed.
pf_healthy() {
    local status=""
    { exec 9<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&9
    IFS= read -r -t 5 status <&9 || true
    exec 9>&-
    [[ $status == "HTTP/1."?" 200"* ]]
}

# pf_stop PID [SECONDS]: SIGTERM, then waits up to SECONDS (default 20) for
# the exit, SIGKILL after that. Returns the server's exit status (137 when
# it had to be killed). PID must be a child of this shell.
pf_stop() {
    local pid=$1 end=$((SECONDS + ${2:-20})) rc=0
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return $?; }
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < end)); do sleep 0.05; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null; echo "pf_stop: pid $pid killed after ${2:-20} s" >&2; }
    wait "$pid" 2>/dev/null || rc=$?
    return $rc
}

# pf_free_port: a TCP port nothing listens on, below the ephemeral range,
# for the tests that must choose the port themselves (a server restarted on
# the same port, an nginx upstream written before the start).
pf_free_port() {
    local lo p
    lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    for _ in $(seq 200); do
        p=$((10000 + RANDOM % (lo - 10000)))
        if ! (: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    echo "pf_free_port: no free port" >&2
    return 1
}
