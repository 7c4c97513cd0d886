-- load.lua: wrk script of the multi-node test (tests/scale/run.sh).
-- Every SCALE_EVERY-th request of each thread is a write: POST /login of
-- the load account (each success inserts one sessions row); the others
-- are GET /. A 303 answer is a write the client saw acknowledged (GET /
-- never answers 303). A 503 with Retry-After is the busy page a login
-- gets when the node's password hashing is full (issue 14.2): load shed
-- on purpose and said to the user, counted apart as busy. done() prints
-- one line the runner parses:
--   SCALE requests=N status_errors=N socket_errors=N posts=N acked=N
--   busy=N 5xx=N 4xx=N
-- (5xx and 4xx: the answers by class, for the log).
-- Environment: SCALE_CSRF (token), SCALE_COOKIE (the csrf cookie pair),
-- SCALE_EMAIL, SCALE_PASSWORD, SCALE_EVERY (default 50).

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(ch)
		return string.format("%%%02X", string.byte(ch))
	end))
end

function init(args)
	every = tonumber(os.getenv("SCALE_EVERY") or "50")
	sent = 0
	posts = 0
	acked = 0
	busy = 0
	c5xx, c4xx = 0, 0
	local body = "csrf=" .. urlencode(os.getenv("SCALE_CSRF")) ..
	    "&email=" .. urlencode(os.getenv("SCALE_EMAIL")) ..
	    "&password=" .. urlencode(os.getenv("SCALE_PASSWORD"))
	get_req = wrk.format("GET", "/")
	post_req = wrk.format("POST", "/login", {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = os.getenv("SCALE_COOKIE"),
	}, body)
end

function request()
	sent = sent + 1
	if sent % every == 0 then
		posts = posts + 1
		return post_req
	end
	return get_req
end

function response(status, headers, body)
	if status >= 500 then
		c5xx = c5xx + 1
	elseif status >= 400 then
		c4xx = c4xx + 1
	end
	if status == 303 then
		acked = acked + 1
	elseif status == 503 and (headers["retry-after"] or
	    headers["Retry-After"]) then
		busy = busy + 1
	end
end

function done(summary, latency, requests)
	local p, a, b, f, c = 0, 0, 0, 0, 0
	for _, t in ipairs(threads) do
		p = p + t:get("posts")
		a = a + t:get("acked")
		b = b + t:get("busy")
		f = f + t:get("c5xx")
		c = c + t:get("c4xx")
	end
	local e = summary.errors
	io.write(string.format("SCALE requests=%d status_errors=%d " ..
	    "socket_errors=%d posts=%d acked=%d busy=%d 5xx=%d 4xx=%d\n",
	    summary.requests, e.status, e.connect + e.read + e.write +
	    e.timeout, p, a, b, f, c))
end
