package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsclust/newsclust/pkg/corpus"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	err := AtomicWrite(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "hello\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "hello\n" {
		t.Errorf("content %q, want %q", got, "hello\n")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.json"}) {
		t.Errorf("directory holds %q, want [out.json]", names)
	}
	// A second write replaces the file, here with content larger than the
	// 1 MiB write buffer.
	big := strings.Repeat("0123456789abcdef", 100_000)
	err = AtomicWrite(path, func(w io.Writer) error {
		_, err := io.WriteString(w, big)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != big {
		t.Errorf("content has %d bytes, want %d", len(got), len(big))
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.json"}) {
		t.Errorf("directory holds %q, want [out.json]", names)
	}
}

func TestAtomicWriteCallbackError(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"error before writing", func(io.Writer) error { return errBoom }},
		{"error after a short write", func(w io.Writer) error {
			io.WriteString(w, "half a report")
			return errBoom
		}},
		{"error after a write past the buffer", func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("x", 3<<20))
			return errBoom
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.json")
			if err := os.WriteFile(path, []byte("previous report"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := AtomicWrite(path, tt.write)
			if !errors.Is(err, errBoom) {
				t.Fatalf("err = %v, want one wrapping %v", err, errBoom)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the path", err)
			}
			if got, _ := os.ReadFile(path); string(got) != "previous report" {
				t.Errorf("destination changed to %q", got)
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"report.json"}) {
				t.Errorf("directory holds %q, want only report.json (no temporary file)", names)
			}
		})
	}
}

func TestAtomicWriteCallbackErrorNoDestination(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	err := AtomicWrite(path, func(w io.Writer) error { return errors.New("boom") })
	if err == nil {
		t.Fatal("no error")
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("directory holds %q, want nothing", names)
	}
}

func TestAtomicWriteMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no", "such", "dir", "report.json")
	called := false
	err := AtomicWrite(path, func(io.Writer) error { called = true; return nil })
	if err == nil {
		t.Fatal("writing into a missing directory gave no error")
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want one wrapping os.ErrNotExist", err)
	}
	if called {
		t.Error("write callback called without a file to write to")
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Errorf("directory created: %v", err)
	}
}

func TestAtomicWriteOverDirectory(t *testing.T) {
	// The destination is a non-empty directory: the rename fails, and the
	// temporary file is cleaned up.
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.MkdirAll(filepath.Join(path, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := AtomicWrite(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "{}")
		return err
	})
	if err == nil {
		t.Fatal("renaming over a directory gave no error")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"report.json"}) {
		t.Errorf("directory holds %q, want only report.json", names)
	}
}

func TestGroupID(t *testing.T) {
	// Expected values: the first 16 hex digits of sha256sum of the ids
	// joined by NUL bytes (printf 'a\0b' | sha256sum).
	tests := []struct {
		prefix string
		ids    []string
		want   string
	}{
		{"dup-", []string{"a", "b"}, "dup-59b271ae1bbcb1d3"},
		{"story-", []string{"doc-1", "doc-2", "doc-3"}, "story-d758380bdaa61247"},
		{"dup-", []string{"ab"}, "dup-fb8e20fc2e4c3f24"},
		{"", []string{"only"}, "f905b19542ed08c9"},
		{"x", nil, "xe3b0c44298fc1c14"},
	}
	for _, tt := range tests {
		if got := GroupID(tt.prefix, tt.ids); got != tt.want {
			t.Errorf("GroupID(%q, %q) = %q, want %q", tt.prefix, tt.ids, got, tt.want)
		}
	}
}

func TestGroupIDDistinct(t *testing.T) {
	lists := [][]string{
		{"a", "b"},
		{"a", "c"},
		{"a", "b", "c"},
		{"ab"},
		{"a b"},
		{"b", "a"}, // ids are expected sorted; another order is another list
		{"a"},
		{"a", ""},
		{},
	}
	seen := make(map[string][]string)
	for _, ids := range lists {
		id := GroupID("dup-", ids)
		if prev, ok := seen[id]; ok {
			t.Errorf("GroupID(%q) = GroupID(%q) = %s", ids, prev, id)
		}
		seen[id] = ids
		// Stable: the same list gives the same id, and the input is untouched.
		in := slices.Clone(ids)
		if again := GroupID("dup-", in); again != id || !slices.Equal(in, ids) {
			t.Errorf("GroupID(%q) not stable: %s then %s", ids, id, again)
		}
	}
}

func TestEncode(t *testing.T) {
	first := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	r := &Report{
		Schema: Schema,
		Run: Run{
			Version: "test",
			Started: first,
			Inputs:  []string{"a.jsonl"},
			Timings: map[string]int64{"stories": 12},
		},
		Counts: Counts{Documents: 3, Stories: 1},
		NearDuplicates: []Group{{ID: "dup-1", Canonical: "a", Members: []Member{
			{ID: "a", Similarity: 1, Containment: 1}, {ID: "b", Similarity: 0.9, Containment: 0.95}}}},
		Stories: []Story{{
			ID: "story-1", Size: 2, Headline: "<b>Tom & Jerry</b> > \"Cats\"",
			TopTerms: []string{"tom", "jerry"}, FirstPublished: &first,
			Members: []StoryMember{{ID: "a", Title: "x<y", DuplicateGroup: "dup-1"}, {ID: "c", Title: "z"}},
		}},
		Errors: []corpus.Problem{{File: "a.jsonl", Line: 4, Message: "bad json", Skipped: true}},
	}
	var buf bytes.Buffer
	if err := Encode(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("invalid JSON:\n%s", out)
	}
	for _, want := range []string{
		`"schema": "newsclust.report/v1"`,
		`"headline": "<b>Tom & Jerry</b> > \"Cats\""`, // HTML characters not escaped
		`"title": "x<y"`,
		`"started": "2024-03-01T09:30:00Z"`,
		`"first_published": "2024-03-01T09:30:00Z"`,
		`"last_published": null`,
		`"timings_ms": {`,
		"\n  \"run\": {\n    \"version\": \"test\",", // two-space indent
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{`\u003c`, `\u003e`, `\u0026`} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds escaped HTML %s", bad)
		}
	}
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("output does not end with a newline")
	}
	// The second member has no duplicate group: the field is left out.
	if n := strings.Count(out, `"duplicate_group"`); n != 1 {
		t.Errorf("duplicate_group appears %d times, want 1", n)
	}
	// Round trip.
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Schema != Schema || back.Stories[0].Headline != r.Stories[0].Headline ||
		back.NearDuplicates[0].Members[1].Containment != 0.95 || back.Errors[0] != r.Errors[0] ||
		!back.Run.Started.Equal(first) || back.Counts != r.Counts {
		t.Errorf("round trip lost data: %+v", back)
	}
	// The top-level keys, in order.
	var keys []string
	dec := json.NewDecoder(strings.NewReader(out))
	dec.Token() // {
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	if want := []string{"schema", "run", "counts", "near_duplicates", "stories", "errors"}; !slices.Equal(keys, want) {
		t.Errorf("top-level keys %q, want %q", keys, want)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	r := &Report{Schema: Schema, Stories: []Story{{ID: "s", Headline: "a < b"}}}
	if err := WriteFile(path, r); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	Encode(&want, r)
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("file differs from Encode:\n%s\nwant\n%s", got, want.Bytes())
	}
	if err := WriteFile(filepath.Join(path, "sub", "r.json"), r); err == nil {
		t.Error("WriteFile under a regular file gave no error")
	}
}

func TestEncodeWriterError(t *testing.T) {
	errFull := errors.New("disk full")
	if err := Encode(failWriter{errFull}, &Report{Schema: Schema}); !errors.Is(err, errFull) {
		t.Errorf("err = %v, want %v", err, errFull)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }
