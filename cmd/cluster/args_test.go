package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		rest    []string
		out     string
		verbose bool
		err     bool
	}{
		{"flags first", []string{"-o", "r.json", "-v", "a", "b"}, []string{"a", "b"}, "r.json", true, false},
		{"flags after", []string{"a", "-o", "r.json", "b", "-v"}, []string{"a", "b"}, "r.json", true, false},
		{"stdin", []string{"-", "-o", "r.json"}, []string{"-"}, "r.json", false, false},
		{"double dash", []string{"a", "--", "-o", "r.json"}, []string{"a", "-o", "r.json"}, "", false, false},
		{"double dash first", []string{"--", "-v"}, []string{"-v"}, "", false, false},
		{"double dash before flags", []string{"--", "a", "-v"}, []string{"a", "-v"}, "", false, false},
		{"double dash as a value", []string{"a", "-o", "--", "b", "-v"}, []string{"a", "b"}, "--", true, false},
		{"flag-like value", []string{"-o", "-v", "--", "b"}, []string{"b"}, "-v", false, false},
		{"value with =", []string{"a", "-o=r.json", "-v=true", "b"}, []string{"a", "b"}, "r.json", true, false},
		{"double-dash flag", []string{"a", "--o", "r.json"}, []string{"a"}, "r.json", false, false},
		{"boolean takes no value", []string{"-v", "a"}, []string{"a"}, "", true, false},
		{"none", nil, nil, "", false, false},
		{"only flags", []string{"-v"}, nil, "", true, false},
		{"unknown after", []string{"a", "-nope"}, nil, "", false, true},
		{"missing value", []string{"a", "-o"}, nil, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			out := fs.String("o", "", "")
			verbose := fs.Bool("v", false, "")
			rest, err := parseArgs(fs, tt.args)
			if (err != nil) != tt.err {
				t.Fatalf("error %v, want error %v", err, tt.err)
			}
			if tt.err {
				return
			}
			if !slices.Equal(rest, tt.rest) || *out != tt.out || *verbose != tt.verbose {
				t.Errorf("rest %q, -o %q, -v %v; want %q, %q, %v", rest, *out, *verbose, tt.rest, tt.out, tt.verbose)
			}
		})
	}
}

// TestFlagsAfterInputs checks that the job and eval take flags given after
// their inputs instead of reading them as paths.
func TestFlagsAfterInputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	code, stdout, stderr := runCmd(seeds, "-log-level", "error", "-o", out)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %d bytes; stderr:\n%s", code, len(stdout), stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no report at -o: %v", err)
	}
	corpus := writeFile(t, "labelled.jsonl", labelled)
	code, stdout, stderr = runCmd("eval", corpus, "-json", "-log-level", "error")
	if code != exitOK || len(stdout) == 0 || stdout[0] != '{' {
		t.Errorf("eval with flags after the corpus: exit %d, stdout %.40q; stderr:\n%s", code, stdout, stderr)
	}
}
