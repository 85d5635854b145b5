#!/usr/bin/env bash
# Data safety: `policyfacts load` killed with SIGKILL at random moments
# must never damage the database it would replace, and bad files must
# never be served.
#
#  1. The bundled CSV data (data/*.csv; without data/wdi/, whose 172k
#     facts would make each round's checksum and verify of the old store
#     take seconds, and so without outcome_links.csv's links to the
#     measures only data/wdi/ gives) is loaded to DB and fingerprinted
#     (sha256). Then,
#     KILL_ROUNDS times (default 50), a load of a bigger generated dataset
#     to the same DB is killed with -9 at a random moment of its run; after
#     each kill DB must be byte-identical and `policyfacts verify` pass.
#     (Rounds where the load finished before the kill are counted apart,
#     checked, and do not count toward the kills.)
#  2. A truncated, foreign, empty or random file given to `serve` fails
#     at start with a clear message and a non-zero exit.
#  3. The same files swapped in under a running server and announced with
#     SIGHUP are refused, and the old data keeps serving.
#
# Usage: tests/hardening/kill_load.sh   (PF_BIN, KILL_ROUNDS, KILL_FACTS)
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/server.sh
BIN=${PF_BIN:-build/policyfacts}
ROUNDS=${KILL_ROUNDS:-50}
NFACTS=${KILL_FACTS:-10000}
W=tests/out/hardening/kill
rm -rf "$W"
mkdir -p "$W"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "  FAIL: $*"; }

python3 tests/hardening/gen_facts.py data "$W/big" "$NFACTS" || exit 1
BASE="$W/bundled"
mkdir -p "$BASE" && cp data/*.csv "$BASE"/ || exit 1
python3 tests/hardening/gen_facts.py --links data "$BASE" || exit 1
DB="$W/store.db"
"$BIN" load "$BASE" -o "$DB" --quiet || { echo "cannot load the bundled data"; exit 1; }
SUM=$(sha256sum < "$DB")

# how long an uninterrupted load of the big set takes (the faster of two:
# the machine may be busy; the estimate also shrinks below whenever a load
# finishes before its kill)
LOAD_MS=0
for _ in 1 2; do
    t0=$(date +%s%N)
    "$BIN" load "$W/big" -o "$W/big.db" --quiet || { echo "big load failed"; exit 1; }
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    { [ $LOAD_MS -eq 0 ] || [ $ms -lt $LOAD_MS ]; } && LOAD_MS=$ms
done
echo "kill -9 during load: $NFACTS facts load in ${LOAD_MS} ms; killing at random moments"
[ "$LOAD_MS" -lt 200 ] && echo "  (warning: the load is very short; raise KILL_FACTS)"

# the dataset version a full verify reports (empty when it fails)
ver() { "$BIN" verify "$1" 2>/dev/null | sed -n 's/^ok: .* version \([0-9a-f]*\) .*/\1/p'; }
BIG_VER=$(ver "$W/big.db")
[ -n "$BIG_VER" ] || { echo "the generated store does not verify"; exit 1; }
kills=0
finished=0
after_rename=0
round=0
max_rounds=$((ROUNDS * 4))
while [ $kills -lt "$ROUNDS" ] && [ $round -lt $max_rounds ]; do
    round=$((round + 1))
    # a moment in [5%, 95%] of a full load
    ms=$(( LOAD_MS * (5 + RANDOM % 91) / 100 ))
    "$BIN" load "$W/big" -o "$DB" --quiet 2>/dev/null &
    pid=$!
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    if kill -9 $pid 2>/dev/null; then
        wait $pid 2>/dev/null
        if [ "$(sha256sum < "$DB")" = "$SUM" ]; then
            kills=$((kills + 1))
            ok
            if "$BIN" verify "$DB" >/dev/null 2>&1; then ok; else bad "round $round: verify failed after kill"; fi
        elif [ "$(ver "$DB")" = "$BIG_VER" ]; then
            # the kill landed after the atomic rename: the new store is
            # complete (old or new, never a mix); start again from the old
            after_rename=$((after_rename + 1))
            ok
            "$BIN" load "$BASE" -o "$DB" --quiet
            SUM=$(sha256sum < "$DB")
        else
            kills=$((kills + 1))
            bad "round $round (kill at ${ms} ms): database is neither the old one nor the complete new one ($("$BIN" verify "$DB" 2>&1 | head -1))"
            "$BIN" load "$BASE" -o "$DB" --quiet
            SUM=$(sha256sum < "$DB")
        fi
    else
        # the load finished first: the new store must be complete and good
        wait $pid
        finished=$((finished + 1))
        LOAD_MS=$(( LOAD_MS * 4 / 5 ))
        if "$BIN" verify "$DB" >/dev/null 2>&1; then ok; else bad "round $round: finished load does not verify"; fi
        "$BIN" load "$BASE" -o "$DB" --quiet
        SUM=$(sha256sum < "$DB")
    fi
done
leftover=$(find "$W" -maxdepth 1 -name 'store.db.tmp-*' | wc -l)
echo "  $kills loads killed mid-way: database byte-identical and verified after each"
echo "  ($after_rename kills landed after the atomic rename: the complete new store, verified; $finished loads finished before the kill)"
echo "  $leftover temporary files of killed loads beside it at the end (never read by serve; a later load removes those idle for a minute)"
rm -f "$W"/store.db.tmp-*
[ $kills -ge "$ROUNDS" ] && ok || bad "only $kills kills landed mid-load (of $ROUNDS wanted)"

# ---- bad files at start --------------------------------------------------
head -c $(( $(stat -c %s "$DB") / 2 )) "$DB" > "$W/truncated.db"
head -c 4096 "$DB" > "$W/header-only.db"
printf 'id,name\n1,not a database\n' > "$W/foreign.db"
: > "$W/empty.db"
head -c 65536 /dev/urandom > "$W/random.db"
python3 - "$W/other-schema.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit(); c.close()
PY
# a store whose content no longer matches its recorded hash: `verify`
# recomputes the hash and refuses it; serve and reload run the quick check
# only (a full hash of a big store takes seconds), so there it is reported
cp "$DB" "$W/tampered.db"
python3 - "$W/tampered.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("update facts set value = value + 1 where rowid = 1"); c.commit(); c.close()
PY
BADS="truncated header-only foreign empty random other-schema"
if "$BIN" verify "$W/tampered.db" >/dev/null 2>&1; then bad "verify accepts a store changed after its build"
else ok; echo "  tampered.db (one value changed after the build): $("$BIN" verify "$W/tampered.db" 2>&1 | head -1)"; fi
echo "bad files given to serve"
for b in $BADS tampered; do
    out=$(timeout 5 "$BIN" serve --db "$W/$b.db" --port 0 2>&1 >/dev/null)
    rc=$?
    msg=$(printf '%s\n' "$out" | grep -m1 '^policyfacts serve:' || true)
    if [ $b = tampered ]; then
        echo "  tampered.db: (informational) serve exit $rc ${msg:+: ${msg#policyfacts serve: }}"
    elif [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ -n "$msg" ]; then
        ok; echo "  $b.db: exit $rc: ${msg#policyfacts serve: }"
    else
        bad "$b.db: serve exit $rc, message '${msg:-none}'"
    fi
done

# ---- bad files swapped in under a running server ---------------------------
echo "bad files announced with SIGHUP to a running server"
LIVE="$W/live.db"
cp "$DB" "$LIVE"
LOG="$W/reload-server.log"
if ! PF_BIN=$BIN pf_serve "$LOG" --db "$LIVE"; then bad "server did not start"
else
    SPID=$PF_PID PORT=$PF_PORT
    v0=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
    n0=$(grep -c '"event":"reload_failed"' "$LOG")
    for b in $BADS; do
        cp "$W/$b.db" "$LIVE.new" && mv "$LIVE.new" "$LIVE"
        kill -HUP $SPID
        for _ in $(seq 1 100); do
            n=$(grep -c '"event":"reload_failed"' "$LOG")
            [ "$n" -gt "$n0" ] && break
            sleep 0.05
        done
        n=$(grep -c '"event":"reload_failed"' "$LOG")
        v=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
        ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")
        facts=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/v1/facts?limit=5")
        if [ "$n" -gt "$n0" ] && [ "$v" = "$v0" ] && [ "$ready" = 200 ] && [ "$facts" = 200 ]; then
            ok; echo "  $b.db: refused; still serving $v0 (readyz $ready, facts $facts)"
        else
            bad "$b.db: reload_failed logged: $((n - n0)), version '$v' (was '$v0'), readyz $ready, facts $facts"
        fi
        n0=$n
    done
    # and a good new file is taken
    cp "$W/big.db" "$LIVE.new" && mv "$LIVE.new" "$LIVE"
    kill -HUP $SPID
    for _ in $(seq 1 200); do
        v=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
        [ "$v" != "$v0" ] && break
        sleep 0.1
    done
    if [ "$v" != "$v0" ]; then ok; echo "  good file: reloaded ($v0 -> $v)"; else bad "good file not reloaded"; fi
    pf_stop $SPID || bad "server exit status $? after SIGTERM"
fi
# ---- file replaced on disk, not yet announced --------------------------------
# The usual release step is "rename the new file into place, then SIGHUP".
# In between (and always with --watch, for up to a second) the server keeps
# serving the old, pinned file: new SQLite connections must open that inode,
# not fail on the replaced path.
echo "file replaced on disk before the reload signal"
cp "$DB" "$LIVE"
LOG2="$W/replace-server.log"
PF_BIN=$BIN pf_serve "$LOG2" --db "$LIVE" --threads 4 --cache-bytes 0 || bad "server did not start"
SPID=$PF_PID PORT=$PF_PORT
v0=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
cp "$W/big.db" "$LIVE.new" && mv "$LIVE.new" "$LIVE"
res=$(python3 - "$PORT" <<'PY'
import collections, json, sys, threading, urllib.error, urllib.request
# list.append is atomic across threads; a Counter's += is not (a lost
# count once made 48 answers look like 47)
port, got = sys.argv[1], []
def go():
    for s in ["id", "-id", "valid_from", "-valid_from", "known_from", "-known_from"]:
        try:
            r = urllib.request.urlopen("http://127.0.0.1:%s/v1/facts?limit=1000&sort=%s" % (port, s), timeout=30)
            r.read()
            got.append(r.status)
        except urllib.error.HTTPError as e:
            got.append(e.code)
        except Exception as e:
            got.append("error(%s)" % e.__class__.__name__)
ts = [threading.Thread(target=go) for _ in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
res = collections.Counter(got)
print(" ".join("%s=%d" % kv for kv in sorted(res.items(), key=str)))
PY
)
v1=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
if [ "$res" = "200=48" ] && [ "$v1" = "$v0" ]; then
    ok; echo "  48 concurrent requests after the replacement: $res; still serving $v0"
else
    bad "after the file was replaced: $res, version $v1 (was $v0); $(grep -m1 'cannot open' "$LOG2" | cut -c1-200)"
fi
kill -HUP $SPID
sleep 1
v2=$(curl -sS "http://127.0.0.1:$PORT/v1/dataset" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null)
if [ "$v2" = "$BIG_VER" ]; then ok; echo "  after SIGHUP: serving $v2"; else bad "after SIGHUP: serving '$v2', expected $BIG_VER"; fi
pf_stop $SPID || bad "server exit status $? after SIGTERM"

echo "kill_load: $pass passed, $fail failed"
[ $fail -eq 0 ]
