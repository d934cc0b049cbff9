#!/usr/bin/env bash
# End-to-end scale run: generates corpora of each size with gencorpus, runs
# the cluster job on each under /usr/bin/time -v, and prints a markdown table
# of wall time, CPU time (user+system), peak resident memory, articles per
# second and the time of each stage (the report's run.timings_ms).
#
#   benchmarks/scale/run.sh [-d DIR] [-k] [-r ROUNDS] [-t SECONDS] [-w WORKERS] [SIZE...]
#
#   -d DIR      keep corpora and reports in DIR and reuse corpora already there
#               (default: a temporary directory, removed at the end)
#   -k          keep the temporary directory
#   -r ROUNDS   run every size ROUNDS times, the sizes in turn in each round
#               (so that a slow spell of a shared machine hits all sizes),
#               then print each size's median wall time and the growth of
#               the median from one size to the next (default 1)
#   -t SECONDS  stop a run after this long (default 1800); its row then shows
#               the time until it was stopped and no stage times
#   -w WORKERS  pass -workers to the job (default: one per CPU)
#   -m MIB      cap the job's virtual memory (ulimit -v) so that a run that
#               outgrows the machine fails alone instead of starving others
#   SIZE...     corpus sizes (default: 10000 100000 1000000)
#
# Run it from the repository root. It needs ../shared/data for gencorpus.
set -euo pipefail

dir="" keep=0 limit=1800 workers=0 memcap="" rounds=1
while getopts "d:kr:t:w:m:" opt; do
	case $opt in
	d) dir=$OPTARG ;;
	k) keep=1 ;;
	t) limit=$OPTARG ;;
	w) workers=$OPTARG ;;
	m) memcap=$OPTARG ;;
	r) rounds=$OPTARG ;;
	*) sed -n '2,23p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

if [ ! -x /usr/bin/time ]; then
	echo "run.sh: /usr/bin/time is missing; install it with: apt-get update && apt-get install -y time" >&2
	exit 1
fi
if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	[ $keep = 1 ] || trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"

go build -o "$dir/cluster" ./cmd/cluster
go build -o "$dir/timings" ./benchmarks/scale/timings

echo "Run $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), commit $(git rev-parse --short HEAD 2>/dev/null || echo "?")"
echo
"$dir/timings" -header
declare -A walls
for ((round = 1; round <= rounds; round++)); do
for n in "${sizes[@]}"; do
	corpus="$dir/corpus-$n.jsonl"
	if [ ! -s "$corpus" ]; then
		go run ./benchmarks/gencorpus -n "$n" -o "$corpus" 2>/dev/null
	fi
	rm -f "$dir/report-$n.json"
	(
	[ -z "$memcap" ] || ulimit -v $((memcap * 1024))
	/usr/bin/time -v -o "$dir/time-$n.log" timeout "$limit" \
		"$dir/cluster" -workers "$workers" -progress=false -log-level info -o "$dir/report-$n.json" "$corpus" \
		>/dev/null 2>"$dir/log-$n.txt"
	) || echo "run.sh: the run on $n articles failed or was stopped (see $dir/log-$n.txt)" >&2
	row=$("$dir/timings" -n "$n" -time "$dir/time-$n.log" -report "$dir/report-$n.json")
	echo "$row"
	walls[$n]+="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$dir/time-$n.log") "
done
done

if [ "$rounds" -gt 1 ]; then
	echo
	echo "| articles | median wall s | growth of the median | wall s of each round |"
	echo "| ---: | ---: | ---: | --- |"
	prev=""
	for n in "${sizes[@]}"; do
		med=$(echo ${walls[$n]} | tr ' ' '\n' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
		growth="–"
		[ -z "$prev" ] || growth=$(awk -v a="$med" -v b="$prev" 'BEGIN {printf "%.1f×", a / b}')
		echo "| $n | $med | $growth | ${walls[$n]% } |"
		prev=$med
	done
fi
