# ports.sh: free_port for the test and bench scripts (sourced, not run).
# Ports come from below the kernel's ephemeral range, so that no outgoing
# connection (wrk, curl, HAProxy, libpq) can hold the port a server is
# about to bind, and a port is taken only when no socket uses it in any
# state. Each script starts at its own place in the range (PORT_BASE,
# then the process id), so two scripts running together rarely meet.

PORT_LOW=20000
PORT_HIGH=$(awk '{ print $1 - 1 }' /proc/sys/net/ipv4/ip_local_port_range \
    2>/dev/null)
case "$PORT_HIGH" in
''|*[!0-9]*) PORT_HIGH=32767 ;;
esac
[ "$PORT_HIGH" -gt $((PORT_LOW + 1000)) ] || PORT_HIGH=$((PORT_LOW + 9999))
PORT_NEXT=$((PORT_LOW + (${PORT_BASE:-0} + $$ * 7) % (PORT_HIGH - PORT_LOW)))

# free_port VAR: sets VAR to a loopback TCP port no socket uses.
free_port()
{
	while [ -n "$(ss -Htan "sport = :$PORT_NEXT" 2>/dev/null)" ]; do
		PORT_NEXT=$((PORT_NEXT + 1))
		[ "$PORT_NEXT" -gt "$PORT_HIGH" ] && PORT_NEXT=$PORT_LOW
	done
	eval "$1=$PORT_NEXT"
	PORT_NEXT=$((PORT_NEXT + 1))
	[ "$PORT_NEXT" -gt "$PORT_HIGH" ] && PORT_NEXT=$PORT_LOW
	return 0
}
