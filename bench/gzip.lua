-- gzip.lua: wrk script for a client that accepts gzip (as every browser
-- does); sends BENCH_COOKIE too when it is set.
local cookie = os.getenv("BENCH_COOKIE")

wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
if cookie ~= nil and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end
