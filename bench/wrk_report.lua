-- wrk_report.lua: wrk's `done` hook, used by bench/run.sh.
-- Prints one machine-readable line after the run:
--   WRK <req/s> <p50 µs> <p99 µs> <requests> <errors>
-- where errors = connect + read + write + timeout + HTTP status > 399.
done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("WRK %.1f %.1f %.1f %d %d\n",
    summary.requests / secs,
    latency:percentile(50), latency:percentile(99),
    summary.requests,
    e.connect + e.read + e.write + e.timeout + e.status))
end
