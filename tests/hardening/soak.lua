-- wrk script for tests/hardening/soak.sh: a mix of valid requests over
-- every endpoint (some conditional, answered 304), with a per-status count
-- printed at the end ("status CODE COUNT" lines).
local paths = {
  "/healthz", "/readyz", "/v1", "/v1/dataset",
  "/v1/facts?limit=20", "/v1/facts?limit=100&sort=-valid_from",
  "/v1/facts?kind=tariff_rate&subject=USA&object=CHN",
  "/v1/facts?q=Geneva", "/v1/facts?q=tariff%20china&limit=50",
  "/v1/facts?on=2025-04-20&kind=tariff_rate", "/v1/facts?as_of=2024&limit=50",
  "/v1/facts?format=csv&limit=200", "/v1/facts?format=ndjson&limit=200",
  "/v1/tariffs/USA/CHN?on=2025-04-20", "/v1/tariffs/USA/CHN?on=2025-05-20",
  "/v1/tariffs/USA/CHN?on=2025-05-20&as_of=2025-05-31",
  "/v1/tariffs?imposer=USA&target=CHN",
  "/v1/gdp-shares?country=CHN&component=household_consumption&latest=5",
  "/v1/gdp-shares?country=CHN,USA&component=investment,consumption",
  "/v1/compare?measure=gross_capital_formation_share_of_gdp&entities=USA,CHN",
  "/v1/targets?programme=MIC2025", "/v1/sources", "/v1/sources?limit=5",
  "/v1/entities", "/v1/entities/CHN", "/v1/measures",
}
counts = {}
local threads = {}
local i = 0
local n304 = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  n304 = n304 + 1
  if n304 % 10 == 0 then
    return wrk.format("GET", paths[i], { ["If-None-Match"] = "*" })
  end
  if n304 % 3 == 0 then
    return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
  end
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  local k = tostring(status)
  counts[k] = (counts[k] or 0) + 1
end

function done(summary, latency, requests)
  local agg = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do agg[k] = (agg[k] or 0) + v end
  end
  for k, v in pairs(agg) do
    io.write(string.format("status %s %d\n", k, v))
  end
  io.write(string.format("latency p50 %.2f ms p99 %.2f ms max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("socket errors connect %d read %d write %d timeout %d status %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
