-- writes.lua: signed-in learners for bench/writes.sh.
--   BENCH_COOKIE    a file of lines "COOKIE<TAB>CSRF", one a learner (the
--                   case's third field in bench/lib.sh's bench)
--   BENCH_PATHS     lesson paths, one a line
--   BENCH_MODE      "done": each request marks PATH done (POST PATH/done)
--                   as the next learner; "mix": BENCH_SIGNED percent of
--                   the requests (default 30) view a lesson as the next
--                   learner, the others view one anonymously.
-- Each thread starts at its own place in both lists.
local learners, paths = {}, {}
local mode = os.getenv("BENCH_MODE") or "done"
local signed = tonumber(os.getenv("BENCH_SIGNED") or "30")
local n = 0
local nthreads = 0

function setup(thread)
	nthreads = nthreads + 1
	thread:set("tid", nthreads)
end

function init(args)
	for line in io.lines(os.getenv("BENCH_COOKIE")) do
		local c, t = line:match("^(.-)\t(.*)$")
		if c ~= nil then
			learners[#learners + 1] = { cookie = c, csrf = t }
		end
	end
	for line in io.lines(os.getenv("BENCH_PATHS")) do
		paths[#paths + 1] = line
	end
	n = (tid or 0) * 131
	math.randomseed(n + 7)
end

function request()
	n = n + 1
	local l = learners[(n % #learners) + 1]
	local p = paths[(n % #paths) + 1]
	if mode == "done" then
		return wrk.format("POST", p .. "/done", {
		    ["Cookie"] = l.cookie,
		    ["Content-Type"] = "application/x-www-form-urlencoded" },
		    "csrf=" .. l.csrf)
	end
	if math.random(100) <= signed then
		return wrk.format("GET", p, { ["Cookie"] = l.cookie })
	end
	return wrk.format("GET", p)
end
