package main

// Tests of saved state through the command: nights in a row keep story ids,
// a repeated night changes nothing, a damaged state stops the run without
// being replaced, and the lock turns a second run away (lock_test.go and
// kill_test.go cover locks and crashes with real processes).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
)

// word returns an invented word for n (letters only, so that it survives
// stemming as one term).
func word(n int) string {
	var b []byte
	for n >= 0 {
		b = append(b, "bcdfghjklmnpqrstvwxz"[n%20], "aeiou"[n/20%5])
		n = n/100 - 1
	}
	return string(b) + "ex"
}

// testDoc is one generated article.
type testDoc struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	Story     string `json:"story"`
}

// makeNight writes articles of the given stories published on day (0-based)
// to a JSONL file and returns its path. Each story has its own vocabulary;
// every article draws most of its words from it.
func makeNight(t *testing.T, dir string, day int, stories []int, perStory int, extra ...testDoc) string {
	t.Helper()
	r := rand.New(rand.NewPCG(uint64(day), 7))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, s := range stories {
		for k := range perStory {
			topic := func() string { return word(s*40 + r.IntN(12)) }
			title := strings.Join([]string{topic(), topic(), topic(), topic()}, " ")
			var body []string
			for range 80 {
				if r.IntN(4) == 0 {
					body = append(body, word(5000+r.IntN(400)))
				} else {
					body = append(body, topic())
				}
			}
			at := time.Date(2024, 6, 3+day, 1+k, r.IntN(60), 0, 0, time.UTC)
			enc.Encode(testDoc{ID: fmt.Sprintf("d%d-s%d-%d", day, s, k), Title: title, Text: strings.Join(body, " ") + ".",
				Published: at.Format(time.RFC3339), Story: fmt.Sprint(s)})
		}
	}
	for _, d := range extra {
		enc.Encode(d)
	}
	path := filepath.Join(dir, fmt.Sprintf("night%d.jsonl", day))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runCluster runs the command in process and returns its status and stderr.
func runCluster(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, nil, &stdout, &stderr)
	return code, stderr.String()
}

func readReport(t *testing.T, path string) *report.Report {
	t.Helper()
	rep, err := loadReport(path)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// storyOf maps each document to its story id and status.
func storyOf(rep *report.Report) map[string][2]string {
	m := map[string][2]string{}
	for _, s := range rep.Stories {
		for _, mem := range s.Members {
			m[mem.ID] = [2]string{s.ID, s.Status}
		}
	}
	return m
}

func TestNightsKeepStoryIDs(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	night0 := makeNight(t, dir, 0, []int{0, 1, 2, 3}, 4)
	n0, _ := os.ReadFile(night0)
	var copied testDoc
	json.Unmarshal(n0[:bytes.IndexByte(n0, '\n')], &copied)
	copied.ID, copied.Published = "copy-of-first", "2024-06-04T12:00:00Z"
	night1 := makeNight(t, dir, 1, []int{1, 2, 3, 4, 5}, 4, copied)

	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r0.json"), "-log-level", "warn", night0); code != exitOK {
		t.Fatalf("night 0: exit %d: %s", code, stderr)
	}
	r0 := storyOf(readReport(t, filepath.Join(dir, "r0.json")))
	for id, s := range r0 {
		if s[1] != report.StatusNew {
			t.Fatalf("night 0: %s is in a %s story", id, s[1])
		}
	}
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r1.json"), "-log-level", "warn", night1); code != exitOK {
		t.Fatalf("night 1: exit %d: %s", code, stderr)
	}
	rep1 := readReport(t, filepath.Join(dir, "r1.json"))
	r1 := storyOf(rep1)
	for _, s := range []int{1, 2, 3} {
		before, after := r0[fmt.Sprintf("d0-s%d-0", s)], r1[fmt.Sprintf("d1-s%d-0", s)]
		if before[0] != after[0] || after[1] != report.StatusUpdated {
			t.Errorf("story %d: night 0 id %s, night 1 id %s (%s): want the same id, updated", s, before[0], after[0], after[1])
		}
	}
	for _, s := range []int{4, 5} {
		if got := r1[fmt.Sprintf("d1-s%d-0", s)]; got[1] != report.StatusNew {
			t.Errorf("story %d only on night 1 is %s, want new", s, got[1])
		}
	}
	if c := r1["copy-of-first"]; c[0] != r0["d0-s0-0"][0] {
		t.Errorf("copy of a night-0 article went to story %s, want %s", c[0], r0["d0-s0-0"][0])
	}
	if len(rep1.EarlierDuplicates) != 1 || rep1.EarlierDuplicates[0].Of != "d0-s0-0" || rep1.EarlierDuplicates[0].ID != "copy-of-first" {
		t.Errorf("earlier duplicates %+v, want copy-of-first of d0-s0-0", rep1.EarlierDuplicates)
	}

	saved, _ := os.ReadFile(filepath.Join(sd, state.FileName))
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r1b.json"), "-log-level", "warn", night1); code != exitOK {
		t.Fatalf("night 1 again: exit %d: %s", code, stderr)
	}
	again, _ := os.ReadFile(filepath.Join(sd, state.FileName))
	if !bytes.Equal(saved, again) {
		t.Error("running night 1 twice changed the state")
	}
	for id, s := range storyOf(readReport(t, filepath.Join(dir, "r1b.json"))) {
		if s[1] != report.StatusUnchanged || s[0] != r1[id][0] {
			t.Errorf("night 1 again: %s in %s (%s), want %s unchanged", id, s[0], s[1], r1[id][0])
		}
	}
}

func TestRetainForgetsIdleStories(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	for _, day := range []int{0, 5} {
		night := makeNight(t, dir, day, []int{day}, 3)
		if code, stderr := runCluster(t, "-state", sd, "-retain", "72h", "-o", filepath.Join(dir, "r.json"), "-log-level", "warn", night); code != exitOK {
			t.Fatalf("day %d: exit %d: %s", day, code, stderr)
		}
	}
	st, err := state.Load(filepath.Join(sd, state.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Stories) != 1 || !strings.HasPrefix(st.Stories[0].Members[0].ID, "d5-") {
		t.Fatalf("saved stories %+v: want only day 5's", st.Stories)
	}
	if rep := readReport(t, filepath.Join(dir, "r.json")); rep.Counts.State.Pruned != 1 {
		t.Fatalf("pruned %d, want 1", rep.Counts.State.Pruned)
	}
}

func TestDamagedStateIsKept(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	night := makeNight(t, dir, 0, []int{0}, 3)
	out := filepath.Join(dir, "r.json")
	if code, stderr := runCluster(t, "-state", sd, "-o", out, "-log-level", "warn", night); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(sd, state.FileName)
	good, _ := os.ReadFile(path)
	prevReport, _ := os.ReadFile(out)
	damaged := map[string][]byte{
		"truncated": good[:len(good)/2],
		"flipped":   append(append(bytes.Clone(good[:40]), good[40]^1), good[41:]...),
		"foreign":   []byte("not a state file at all, but long enough to have a header and a checksum"),
	}
	for name, b := range damaged {
		os.WriteFile(path, b, 0o644)
		code, stderr := runCluster(t, "-state", sd, "-o", out, "-log-level", "warn", night)
		if code != exitNotWritten || !strings.Contains(stderr, "corrupt state") || !strings.Contains(stderr, path) {
			t.Errorf("%s: exit %d, stderr %q: want %d and a message naming %s", name, code, stderr, exitNotWritten, path)
		}
		if now, _ := os.ReadFile(path); !bytes.Equal(now, b) {
			t.Errorf("%s: the damaged state was replaced", name)
		}
		if now, _ := os.ReadFile(out); !bytes.Equal(now, prevReport) {
			t.Errorf("%s: the report was replaced", name)
		}
	}
}

func TestLockedRunFailsAtOnce(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	os.MkdirAll(sd, 0o755)
	l, _, err := acquireLock(filepath.Join(sd, lockName))
	if err != nil {
		t.Fatal(err)
	}
	night := makeNight(t, dir, 0, []int{0}, 3)
	start := time.Now()
	code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r.json"), night)
	if code != exitLocked || !strings.Contains(stderr, "another run holds the lock") || !strings.Contains(stderr, fmt.Sprintf("pid %d", os.Getpid())) {
		t.Fatalf("exit %d, stderr %q: want %d naming the holder", code, stderr, exitLocked)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("locked run took %v", d)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.json")); err == nil {
		t.Fatal("a locked run wrote a report")
	}
	l.release()
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r.json"), "-log-level", "warn", night); code != exitOK {
		t.Fatalf("after release: exit %d: %s", code, stderr)
	}
}

func TestStaleLockTakenOver(t *testing.T) {
	dir := t.TempDir()
	lock := filepath.Join(dir, "job.lock")
	os.WriteFile(lock, []byte("pid 999999 on elsewhere since 2024-06-03T01:00:00Z\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".r.json.tmp-123"), []byte("half a report"), 0o600)
	night := makeNight(t, dir, 0, []int{0}, 3)
	code, stderr := runCluster(t, "-lock", lock, "-o", filepath.Join(dir, "r.json"), night)
	if code != exitOK || !strings.Contains(stderr, "took over the lock") || !strings.Contains(stderr, "pid 999999") {
		t.Fatalf("exit %d, stderr %q: want success and a takeover warning", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".r.json.tmp-123")); err == nil {
		t.Fatal("temporary file of the interrupted run left behind")
	}
	if b, _ := os.ReadFile(lock); len(b) != 0 {
		t.Fatalf("lock file holds %q after a clean exit", b)
	}
}

func TestWithoutStateAsBefore(t *testing.T) {
	dir := t.TempDir()
	night := makeNight(t, dir, 0, []int{0, 1}, 3)
	out := filepath.Join(dir, "r.json")
	if code, stderr := runCluster(t, "-o", out, "-log-level", "warn", night); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	for _, key := range []string{`"status"`, `"state"`, `"earlier_duplicates"`} {
		if bytes.Contains(b, []byte(key)) {
			t.Errorf("report without -state has %s", key)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("run without -state left %d files, want the input and the report", len(entries))
	}
}

func TestStateIndependentOfWorkers(t *testing.T) {
	data := t.TempDir()
	nights := []string{makeNight(t, data, 0, []int{0, 1, 2}, 5), makeNight(t, data, 1, []int{1, 2, 3}, 5)}
	var states [][]byte
	for _, workers := range []string{"1", "3"} {
		sd := t.TempDir()
		for _, n := range nights {
			if code, stderr := runCluster(t, "-state", sd, "-workers", workers, "-o", filepath.Join(sd, "r.json"), "-log-level", "warn", n); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
		}
		b, _ := os.ReadFile(filepath.Join(sd, state.FileName))
		states = append(states, b)
	}
	if !bytes.Equal(states[0], states[1]) {
		t.Fatal("the state depends on the number of workers")
	}
}

func TestStateFlagsChecked(t *testing.T) {
	dir := t.TempDir()
	night := makeNight(t, dir, 0, []int{0}, 2)
	tests := []struct {
		args []string
		want string // in the message on standard error
	}{
		{[]string{"-retain", "0"}, "-retain must be"},
		{[]string{"-retain", "-5h"}, "-retain must be"},
		{[]string{"-story-continue", "-0.1"}, "-story-continue in [0, 1]"},
		{[]string{"-story-continue", "NaN"}, "-story-continue in [0, 1]"},
		{[]string{"-story-continue", "1.5"}, "-story-continue in [0, 1]"},
		// The story threshold is also the default continuation threshold.
		{[]string{"-story-threshold", "-1"}, "-story-threshold must be in (0, 1]"},
		{[]string{"-story-threshold", "0"}, "-story-threshold must be in (0, 1]"},
		{[]string{"-story-threshold", "NaN"}, "-story-threshold must be in (0, 1]"},
		{[]string{"-story-threshold", "1.5"}, "-story-threshold must be in (0, 1]"},
	}
	for _, tt := range tests {
		args := append(tt.args, "-state", filepath.Join(dir, "state"), night)
		code, stderr := runCluster(t, args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", args, code, stderr, exitUsage, tt.want)
		}
	}
}

func TestStrictLeavesStateAlone(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	night := makeNight(t, dir, 0, []int{0, 1}, 3)
	f, _ := os.OpenFile(night, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{not json\n")
	f.Close()
	statePath := filepath.Join(sd, state.FileName)
	if code, stderr := runCluster(t, "-strict", "-state", sd, "-o", filepath.Join(dir, "r.json"), night); code != exitStrict {
		t.Fatalf("-strict with a bad line: exit %d, want %d: %s", code, exitStrict, stderr)
	}
	if _, err := os.Stat(statePath); err == nil {
		t.Fatal("-strict failure saved a state")
	}
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r.json"), "-log-level", "warn", night); code != exitSkipped {
		t.Fatalf("bad line without -strict: exit %d, want %d: %s", code, exitSkipped, stderr)
	}
	if _, err := state.Load(statePath); err != nil {
		t.Fatalf("state after a run with skipped input: %v", err)
	}
}

// A publication time far in the future (a typo) must not make every saved
// story look idle: the story of night 0 continues on night 1.
func TestFutureDateDoesNotPrune(t *testing.T) {
	dir := t.TempDir()
	sd := filepath.Join(dir, "state")
	night0 := makeNight(t, dir, 0, []int{0, 1}, 3)
	typo := testDoc{ID: "typo", Title: "Unrelated item", Text: "A shop opened its doors downtown.", Published: "2096-06-04T12:00:00Z"}
	night1 := makeNight(t, dir, 1, []int{0}, 3, typo)
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r0.json"), "-log-level", "warn", night0); code != exitOK {
		t.Fatalf("night 0: exit %d: %s", code, stderr)
	}
	r0 := storyOf(readReport(t, filepath.Join(dir, "r0.json")))
	if code, stderr := runCluster(t, "-state", sd, "-o", filepath.Join(dir, "r1.json"), "-log-level", "warn", night1); code != exitOK {
		t.Fatalf("night 1: exit %d: %s", code, stderr)
	}
	rep1 := readReport(t, filepath.Join(dir, "r1.json"))
	if rep1.Counts.State.Pruned != 0 {
		t.Errorf("a future-dated article pruned %d saved stories", rep1.Counts.State.Pruned)
	}
	if got, want := storyOf(rep1)["d1-s0-0"], r0["d0-s0-0"]; got[0] != want[0] || got[1] != report.StatusUpdated {
		t.Errorf("story 0 on night 1: %s (%s), want %s updated", got[0], got[1], want[0])
	}
}
