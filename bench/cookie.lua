-- cookie.lua: wrk script for pages of a signed-in user. Sends the Cookie
-- header given in the environment variable BENCH_COOKIE (for example
-- "sid=...; csrf=..."); without it, requests go out anonymous.
local cookie = os.getenv("BENCH_COOKIE")

if cookie ~= nil and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end
