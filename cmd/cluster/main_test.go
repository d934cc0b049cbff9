package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/report"
)

const seeds = "../../testdata/seeds"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const badJSONL = `{"id":"a","title":"Flood in the valley","text":"Rivers burst their banks."}
{"id":"b",
{"id":"c","title":"Storm","text":"A storm is coming."}
`

func TestExitCodes(t *testing.T) {
	bad := writeFile(t, "bad.jsonl", badJSONL)
	garbage := writeFile(t, "garbage.jsonl", "nothing here\n")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no input", nil, exitUsage},
		{"unknown flag", []string{"-nope", seeds}, exitUsage},
		{"bad log format", []string{"-log-format", "xml", seeds}, exitUsage},
		{"seeds", []string{"-log-level", "error", seeds}, exitOK},
		{"skipped lines", []string{"-log-level", "error", bad}, exitSkipped},
		{"strict", []string{"-log-level", "error", "-strict", bad}, exitStrict},
		{"nothing readable", []string{"-log-level", "error", garbage}, exitNoInput},
		{"missing path", []string{"-log-level", "error", "/nonexistent/corpus.jsonl"}, exitNoInput},
		{"unwritable output", []string{"-log-level", "error", "-o", "/nonexistent/dir/out.json", seeds}, exitNotWritten},
		{"dup threshold 0", []string{"-dup-threshold", "0", seeds}, exitUsage},
		{"dup threshold above 1", []string{"-dup-threshold", "1.5", seeds}, exitUsage},
		{"short dup threshold 0", []string{"-dup-threshold-short", "0", seeds}, exitUsage},
		{"short dup threshold NaN", []string{"-dup-threshold-short", "NaN", seeds}, exitUsage},
		{"thresholds of 1", []string{"-log-level", "error", "-dup-threshold", "1", "-dup-threshold-short", "1", seeds}, exitOK},
		{"cohesion negative", []string{"-story-cohesion", "-0.1", seeds}, exitUsage},
		{"cohesion NaN", []string{"-story-cohesion", "NaN", seeds}, exitUsage},
		{"cohesion above 1", []string{"-story-cohesion", "1.5", seeds}, exitUsage},
		{"cohesion off", []string{"-log-level", "error", "-story-cohesion", "0", seeds}, exitOK},
		{"cohesion of 1", []string{"-log-level", "error", "-story-cohesion", "1", seeds}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
		})
	}
}

func TestReportToStdoutAndFile(t *testing.T) {
	code, stdout, _ := runCmd("-log-level", "error", seeds)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not a report: %v", err)
	}
	if rep.Schema != report.Schema || rep.Counts.Documents != 3 {
		t.Errorf("schema %q, %d documents", rep.Schema, rep.Counts.Documents)
	}
	out := filepath.Join(t.TempDir(), "out.json")
	code, stdout, _ = runCmd("-log-level", "error", "-o", out, seeds)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !json.Valid(b) {
		t.Fatalf("report file: %v, valid JSON %v", err, json.Valid(b))
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("output directory holds %d entries, want only the report", len(entries))
	}
}

func TestDupThresholdFlagsReachTheReport(t *testing.T) {
	code, stdout, stderr := runCmd("-log-level", "error", "-dup-threshold", "0.5", "-dup-threshold-short", "0.4", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	p := rep.Run.Params
	if p.DupThreshold != 0.5 || p.ShortIndex == nil || p.ShortIndex.DupThreshold != 0.4 {
		t.Errorf("dup_threshold %v, short_index %+v; want 0.5 and 0.4", p.DupThreshold, p.ShortIndex)
	}
}

func TestStoryCohesionFlagReachesTheReport(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want float64
	}{
		{nil, pipeline.DefaultConfig().Story.Cohesion},
		{[]string{"-story-cohesion", "0"}, 0},
		{[]string{"-story-cohesion", "0.5"}, 0.5},
	} {
		code, stdout, stderr := runCmd(append(append([]string{"-log-level", "error"}, tt.args...), seeds)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		var rep report.Report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if got := rep.Run.Params.StoryCohesion; got != tt.want {
			t.Errorf("%v: story_cohesion %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestStrictWritesNoReport(t *testing.T) {
	bad := writeFile(t, "bad.jsonl", badJSONL)
	out := filepath.Join(t.TempDir(), "out.json")
	code, _, stderr := runCmd("-log-level", "error", "-strict", "-o", out, bad)
	if code != exitStrict {
		t.Fatalf("exit %d, want %d", code, exitStrict)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("-strict wrote a report: %v", err)
	}
	if !strings.Contains(stderr, bad+":2") {
		t.Errorf("stderr does not name the bad line: %q", stderr)
	}
}

const labelled = `{"id":"q1","title":"Earthquake of magnitude 7 strikes Chile coast","text":"A magnitude 7 earthquake struck off the coast of Chile on Tuesday, officials said.","story":"quake"}
{"id":"q2","title":"Chile coast shaken by magnitude 7 earthquake","text":"Officials in Chile said a strong earthquake of magnitude 7 struck off the coast.","story":"quake"}
{"id":"f1","title":"Wildfire forces evacuations in California valley","text":"Thousands were evacuated as a wildfire spread through a California valley.","story":"fire"}
{"id":"f2","title":"California wildfire spreads, thousands evacuated","text":"A fast wildfire in California forced thousands to evacuate the valley.","story":"fire"}
`

func TestEval(t *testing.T) {
	corpus := writeFile(t, "labelled.jsonl", labelled)
	code, text, stderr := runCmd("eval", "-log-level", "error", corpus)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"4 documents", "pairwise", "bcubed", "ARI"} {
		if !strings.Contains(text, want) {
			t.Errorf("eval output lacks %q:\n%s", want, text)
		}
	}
	code, js, _ := runCmd("eval", "-json", "-log-level", "error", corpus)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var res evalResult
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	if res.Stories.Documents != 4 || res.Stories.GoldClusters != 2 {
		t.Errorf("scores = %+v", res.Stories)
	}
	if res.Stories.BCubedF1 != 1 {
		t.Errorf("two clear stories scored BCubed F1 %v, want 1", res.Stories.BCubedF1)
	}
}

func TestEvalFromReport(t *testing.T) {
	corpus := writeFile(t, "labelled.jsonl", labelled)
	out := filepath.Join(t.TempDir(), "out.json")
	if code, _, stderr := runCmd("-log-level", "error", "-o", out, corpus); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, js, _ := runCmd("eval", "-json", "-report", out, corpus)
	var res evalResult
	if code != exitOK || json.Unmarshal([]byte(js), &res) != nil || res.Stories.Documents != 4 {
		t.Fatalf("exit %d, result %s", code, js)
	}
}
