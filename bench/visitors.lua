-- visitors.lua: wrk script for a realistic load (bench/pagecache.sh):
-- each request asks a page drawn at random from the file named by
-- BENCH_PATHS (one path a line), and each connection waits
-- BENCH_DELAY_MS (default 20) between requests, so that -c8 makes a few
-- hundred requests a second spread over the pages, not one page asked
-- again and again. BENCH_COOKIE ("sid=...; csrf=..."), when set, makes
-- them a signed-in user's requests.
local paths = {}
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "20")
local cookie = os.getenv("BENCH_COOKIE")

for line in io.lines(os.getenv("BENCH_PATHS")) do
	if line ~= "" then
		paths[#paths + 1] = line
	end
end

if cookie ~= nil and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end

function init(args)
	math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
	return wrk.format("GET", paths[math.random(#paths)])
end

function delay()
	return delay_ms
end
