-- cases.lua: wrk script for bench/cases.sh. Each request is a library
-- search with two facet filters, cycling through combinations (and a
-- word every third request), so no single cached answer is measured.
local principles = { "proportionality", "safety-security", "fairness",
	"sustainability", "privacy", "human-oversight", "transparency",
	"accountability", "awareness", "governance" }
local regions = { "africa", "arab-states", "asia-pacific",
	"europe-north-america", "latin-america-caribbean" }
local cats = { "governance-frameworks", "tools-applications",
	"multi-stakeholder" }
local words = { "register", "audit", "toolkit", "charter" }
local n = 0

request = function()
	n = n + 1
	local p = principles[(n % #principles) + 1]
	local path
	if n % 2 == 0 then
		path = "/cases?principle=" .. p .. "&region=" ..
		    regions[(n % #regions) + 1]
	else
		path = "/cases?category=" .. cats[(n % #cats) + 1] ..
		    "&principle=" .. p
	end
	if n % 3 == 0 then
		path = path .. "&q=" .. words[(n % #words) + 1]
	end
	return wrk.format("GET", path)
end
