// Command timings prints one markdown table row for a scale run: the size,
// wall and CPU time and peak memory from a /usr/bin/time -v log, articles per
// second, and each stage's time from the report's run.timings_ms.
//
//	go run ./benchmarks/scale/timings -n 100000 -time time.log -report out.json
//	go run ./benchmarks/scale/timings -header
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// stages are the report's stage names, in pipeline order.
var stages = []string{"read_analyse", "boilerplate", "near_duplicates", "stories", "report"}

func main() {
	n := flag.Int("n", 0, "articles in the corpus")
	timeLog := flag.String("time", "", "output of /usr/bin/time -v")
	reportPath := flag.String("report", "", "the run's JSON report")
	header := flag.Bool("header", false, "print the table header and exit")
	flag.Parse()
	if *header {
		fmt.Printf("| articles | wall s | CPU s | CPU/wall | max RSS MiB | articles/s | %s ms |\n", strings.Join(stages, " ms | "))
		fmt.Printf("|%s\n", strings.Repeat(" ---: |", 6+len(stages)))
		return
	}
	wall, cpu, rss, err := readTime(*timeLog)
	if err != nil {
		fmt.Fprintln(os.Stderr, "timings:", err)
		os.Exit(1)
	}
	ms := readTimings(*reportPath)
	if wall <= 0 {
		fmt.Printf("| %d | failed |%s\n", *n, strings.Repeat(" – |", 4+len(stages)))
		return
	}
	row := fmt.Sprintf("| %d | %.1f | %.1f | %.2f | %d | %.0f |", *n, wall, cpu, cpu/wall, rss/1024, float64(*n)/wall)
	for _, s := range stages {
		if v, ok := ms[s]; ok {
			row += fmt.Sprintf(" %d |", v)
		} else {
			row += " – |"
		}
	}
	fmt.Println(row)
}

// readTime extracts wall seconds, user+system seconds and max RSS in KiB.
func readTime(path string) (wall, cpu float64, rssKiB int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		switch {
		case key == "User time (seconds)", key == "System time (seconds)":
			v, _ := strconv.ParseFloat(val, 64)
			cpu += v
		case strings.HasPrefix(key, "Elapsed (wall clock) time"):
			wall = clock(val)
		case key == "Maximum resident set size (kbytes)":
			rssKiB, _ = strconv.ParseInt(val, 10, 64)
		}
	}
	return wall, cpu, rssKiB, sc.Err()
}

// clock parses [h:]mm:ss.ss into seconds.
func clock(s string) float64 {
	var t float64
	for _, part := range strings.Split(s, ":") {
		v, _ := strconv.ParseFloat(part, 64)
		t = 60*t + v
	}
	return t
}

// readTimings returns run.timings_ms of the report, or nil if it cannot be read
// (the run failed or was stopped).
func readTimings(path string) map[string]int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var r struct {
		Run struct {
			Timings map[string]int64 `json:"timings_ms"`
		} `json:"run"`
	}
	if json.Unmarshal(data, &r) != nil {
		return nil
	}
	return r.Run.Timings
}
