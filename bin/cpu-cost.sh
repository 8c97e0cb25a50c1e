# Sourced by bin/benchmark-http.sh and bin/benchmark-releases.sh: where the machine's CPU went during
# a measured phase, per request. Throughput on this shared 2-core machine moves with whatever else
# runs; CPU time per request does much less, so it is the figure to compare between changes.
#   before=$(cpu_sample); ...run...; cpu_cost "$before" "$(cpu_sample)" <requests>
# needs $hub (the hub JVM's pid) and $home (its folder, holding PostgreSQL's data directory).

# user + system time of a process and of its reaped children, in clock ticks
process_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# "<hub JVM> <PostgreSQL: postmaster, its backends and workers> <all CPUs busy> <all CPUs total>" in ticks
cpu_sample() {
  local postmaster pg=0 child
  postmaster=$(head -1 "$home/postgres/postmaster.pid")
  pg=$(process_ticks "$postmaster")
  for child in $(pgrep -P "$postmaster"); do pg=$((pg + $(process_ticks "$child"))); done
  # user nice system idle iowait irq softirq steal: steal (time the hypervisor gave to other
  # machines) is neither this machine's work nor idle, so it is left out of both
  awk -v hub="$(process_ticks "$hub")" -v pg="$pg" '/^cpu / {
    busy = $2 + $3 + $4 + $7 + $8; print hub, pg, busy, busy + $5 + $6; exit }' /proc/stat
}

# prints "cpu_ms hub=<ms> postgres=<ms> rest=<ms> busy=<percent>": CPU milliseconds per request of
# the hub JVM, of PostgreSQL and of everything else on the machine (wrk, the kernel, other users),
# and how busy the machine's CPUs were over the phase ("rest" can come out slightly negative: the
# kernel accounts process and machine times in ticks at different moments)
cpu_cost() {
  local hz
  hz=$(getconf CLK_TCK)
  awk -v before="$1" -v after="$2" -v n="$3" -v hz="$hz" 'BEGIN {
    if (n + 0 <= 0) { print "cpu_ms unknown (no requests)"; exit }
    split(before, b, " "); split(after, a, " ");
    ms = 1000 / hz / n; hub = (a[1] - b[1]) * ms; pg = (a[2] - b[2]) * ms; busy = (a[3] - b[3]) * ms;
    printf "cpu_ms hub=%.3f postgres=%.3f rest=%.3f busy=%.0f%%\n", hub, pg, busy - hub - pg,
      100 * (a[3] - b[3]) / (a[4] - b[4]) }'
}

# "hub JVM <ms>, PostgreSQL <ms>, rest <ms> ms (machine <percent> busy)" from any line holding cpu_cost's output
cpu_line() {
  echo "$1" | sed -n 's/.*cpu_ms hub=\([-0-9.]*\) postgres=\([-0-9.]*\) rest=\([-0-9.]*\) busy=\([0-9]*%\).*/hub JVM \1, PostgreSQL \2, rest \3 ms (machine \4 busy)/p'
}
