# tests/lib.sh: shell helpers shared by the test scripts (source it from the
# repository root).

# pf_port LOG PID [TRIES] [PAUSE]: prints the port that `policyfacts serve
# --port 0` names in its start log line, once the line is in LOG; prints
# nothing if the server exits first or TRIES polls PAUSE seconds apart
# (default 100 x 0.05 s) pass without it.
pf_port() {
    local log=$1 pid=$2 tries=${3:-100} pause=${4:-0.05} port=""
    for _ in $(seq 1 "$tries"); do
        port=$(grep -o '"event":"start".*"port":[0-9]*' "$log" 2>/dev/null |
            grep -o '"port":[0-9]*' | cut -d: -f2 || true)
        [ -n "$port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep "$pause"
    done
    echo "$port"
}
