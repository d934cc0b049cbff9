package main

// Memory: how hard the Go garbage collector works. The job keeps Go's
// default pacing (GOGC=100: the heap may grow to twice what is live before a
// collection, unless the GOGC environment variable says otherwise): at 1M
// articles that peaks at about 3.3 GiB, and GOGC=50 would save 0.9 GiB for
// 2-4 s more of a 90 s run. On top, it sets a soft memory limit
// (runtime/debug.SetMemoryLimit): near it the collector runs more often. The
// limit is soft: a run whose live data exceed it is slowed down (the
// collector takes up to half of the CPU), not stopped.

import (
	"bufio"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// memoryFlag is the value of -memory-limit: "auto", "off" or a size.
type memoryFlag struct{ s string }

func (m *memoryFlag) String() string { return m.s }

func (m *memoryFlag) Set(s string) error {
	if _, err := parseMemoryLimit(s); err != nil {
		return err
	}
	m.s = s
	return nil
}

// parseMemoryLimit returns the limit in bytes that s asks for: -1 for "auto"
// (decided at run time), 0 for "off" or "0", else a size such as 3GiB,
// 3500MiB, 4G or a plain number of bytes.
func parseMemoryLimit(s string) (int64, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return -1, nil
	case "off", "0":
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
		{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
		{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40}, {"b", 1}}
	num, mult := strings.ToLower(s), int64(1)
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 || f*float64(mult) >= 1<<62 {
		return 0, fmt.Errorf("memory limit %q: want auto, off or a size such as 3GiB", s)
	}
	return int64(f * float64(mult)), nil
}

// applyMemory sets the soft memory limit asked for by -memory-limit. "auto" keeps a limit
// set by GOMEMLIMIT, and otherwise takes three quarters of the machine's
// memory (or of the cgroup's limit, when lower). It returns the limit set, 0
// for none.
func applyMemory(flagValue string) int64 {
	limit, _ := parseMemoryLimit(flagValue)
	if limit < 0 {
		if os.Getenv("GOMEMLIMIT") != "" {
			return debug.SetMemoryLimit(-1) // keep the environment's
		}
		limit = availableMemory() / 4 * 3
	}
	if limit <= 0 {
		debug.SetMemoryLimit(1<<63 - 1)
		return 0
	}
	debug.SetMemoryLimit(limit)
	return limit
}

// availableMemory returns the memory of the machine or of the cgroup v2 the
// process runs in, whichever is lower, in bytes; 0 when unknown.
func availableMemory() int64 {
	var total int64
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err == nil {
					total = kb << 10
				}
				break
			}
		}
		f.Close()
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
	}
	return total
}
