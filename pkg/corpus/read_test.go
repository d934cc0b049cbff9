package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// writeFiles creates files (slash-separated relative path → content) under
// a new temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readPaths runs Read and returns what it emitted.
func readPaths(t *testing.T, paths []string, opt Options) ([]Document, []Problem) {
	t.Helper()
	var docs []Document
	probs, err := Read(context.Background(), paths, opt, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkDocs(t, docs, opt.normalized().MaxDocBytes)
	return docs, probs
}

// gotProblem is a problem with the temporary directory cut from its file.
type gotProblem struct {
	file, msg string
	line      int
	skipped   bool
}

func relProblems(dir string, probs []Problem) []gotProblem {
	var out []gotProblem
	for _, p := range probs {
		file := strings.TrimPrefix(filepath.ToSlash(p.File), filepath.ToSlash(dir)+"/")
		out = append(out, gotProblem{file, p.Message, p.Line, p.Skipped})
	}
	return out
}

func TestReadDir(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":             "\n\n  Second headline  \nbody of b\n",
		"a.txt":             "First headline\nbody of a",
		"c/nested.txt":      "\xef\xbb\xbfNested\r\nwith CRLF\r\n",
		"c/d/deeper.TXT":    "Deep title",
		"c/d/x.jsonl":       "{\"id\":\"j1\",\"text\":\"from jsonl\"}\n{\"id\":\"a\",\"text\":\"dup of a.txt\"}\n",
		"c/e.jsonl.gz":      string(gzipped(t, "{\"id\":\"g1\",\"text\":\"from gzip\"}\n")),
		"c/ignored.gz":      "not read in a directory",
		"empty.txt":         "",
		"blank.txt":         " \n\t\r\n",
		"notes.md":          "ignored",
		"z/dot.in.name.txt": "Dots",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	docs, probs := readPaths(t, []string{dir}, Options{})
	type short struct{ id, title, text, file string }
	var got []short
	for _, d := range docs {
		rel, _ := filepath.Rel(dir, d.File)
		got = append(got, short{d.ID, d.Title, d.Text, filepath.ToSlash(rel)})
	}
	want := []short{
		{"a", "First headline", "First headline\nbody of a", "a.txt"},
		{"b", "Second headline", "Second headline  \nbody of b", "b.txt"},
		{"c/d/deeper", "Deep title", "Deep title", "c/d/deeper.TXT"},
		{"j1", "", "from jsonl", "c/d/x.jsonl"},
		{"g1", "", "from gzip", "c/e.jsonl.gz"},
		{"c/nested", "Nested", "Nested\nwith CRLF", "c/nested.txt"},
		{"z/dot.in.name", "Dots", "Dots", "z/dot.in.name.txt"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	wantProbs := []gotProblem{
		{"blank.txt", "empty document", 0, true},
		{"c/d/x.jsonl", `duplicate id "a" (first at ` + filepath.Join(dir, "a.txt") + ")", 2, true},
		{"dangling.txt", "open: no such file or directory", 0, true},
		{"empty.txt", "empty document", 0, true},
	}
	if got := relProblems(dir, probs); !reflect.DeepEqual(got, wantProbs) {
		t.Errorf("problems\n%+v\nwant\n%+v", got, wantProbs)
	}
	for _, d := range docs {
		if d.Line != 0 && strings.HasSuffix(d.File, ".txt") || !d.Published.IsZero() {
			t.Errorf("doc %q: line %d, published %v", d.ID, d.Line, d.Published)
		}
	}
}

func TestReadPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"one.txt":         "Title one\ntext",
		"sub/one.txt":     "Title sub one",
		"data.jsonl":      "{\"id\":\"j\",\"text\":\"x\"}\n",
		"data.gz":         string(gzipped(t, "{\"id\":\"gz\",\"text\":\"x\"}\n")),
		"plain.jsonl.gz":  "{\"id\":\"plain\",\"text\":\"gzip by magic bytes, not by name\"}\n",
		"gzipped.jsonl":   string(gzipped(t, "{\"id\":\"named-plain\",\"text\":\"x\"}\n")),
		"notes.md":        "unknown",
		"broken.jsonl.gz": string(gzipped(t, jsonlRecords(500))[:300]),
		"after.jsonl":     "{\"id\":\"after\",\"text\":\"read after a broken input\"}\n",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	paths := []string{
		p("one.txt"), p("missing.jsonl"), p("data.jsonl"), p("notes.md"), p("data.gz"),
		p("plain.jsonl.gz"), p("gzipped.jsonl"), p("broken.jsonl.gz"), p("after.jsonl"), p("sub/one.txt"),
	}
	docs, probs := readPaths(t, paths, Options{})
	got := ids(docs)
	if len(got) < 7 || !reflect.DeepEqual(got[:5], []string{"one", "j", "gz", "plain", "named-plain"}) ||
		!reflect.DeepEqual(got[len(got)-1:], []string{"after"}) || got[5] != "r1" {
		t.Errorf("ids = %q", got)
	}
	broken := len(got) - 6 // r1...rN from the broken stream
	want := []gotProblem{
		{"missing.jsonl", "stat: no such file or directory", 0, true},
		{"notes.md", "unknown input type", 0, true},
		{"broken.jsonl.gz", "gzip: unexpected EOF", broken + 1, true},
		{"sub/one.txt", `duplicate id "one" (first at ` + p("one.txt") + ")", 0, true},
	}
	if got := relProblems(dir, probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadStdin(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"in": string(gzipped(t, "{\"id\":\"s1\",\"text\":\"x\"}\n{bad\n")),
	})
	f, err := os.Open(filepath.Join(dir, "in"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = saved }()

	docs, probs := readPaths(t, []string{"-"}, Options{})
	if len(docs) != 1 || docs[0].ID != "s1" || docs[0].File != "stdin" || docs[0].Line != 1 {
		t.Errorf("docs = %+v", docs)
	}
	want := []Problem{{File: "stdin", Line: 2, Message: "malformed JSON: invalid character 'b' looking for beginning of object key string", Skipped: true}}
	if !reflect.DeepEqual(probs, want) {
		t.Errorf("problems = %+v, want %+v", probs, want)
	}
}

func TestReadTxtFile(t *testing.T) {
	big := "Big title\n" + strings.Repeat("0123456789", 200_000) // 2 MB, over the record limit below
	dir := writeFiles(t, map[string]string{
		"big.txt":    big,
		"binary.txt": "\x00\x01\xff\xfe\xfd\x00\x00\x00binary",
	})
	docs, probs := readPaths(t, []string{filepath.Join(dir, "big.txt"), filepath.Join(dir, "binary.txt")}, Options{MaxDocBytes: 100})
	if len(docs) != 1 || docs[0].ID != "big" || docs[0].Title != "Big title" || docs[0].Text != big[:91] {
		t.Errorf("docs = %+v", docs)
	}
	want := []gotProblem{
		{"big.txt", "document of 2000019 bytes truncated to 100 bytes", 0, false},
		{"binary.txt", "invalid UTF-8", 0, true},
	}
	if got := relProblems(dir, probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%+v\nwant\n%+v", got, want)
	}
}

func TestParseTxt(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		maxDoc      int
		title, text string
		skip, warn  string
	}{
		{"plain", "Title\nbody", 100, "Title", "Title\nbody", "", ""},
		{"leading blank lines", "\n \n\t Title  \nbody\n\n", 100, "Title", "Title  \nbody", "", ""},
		{"BOM and CRLF", "\xef\xbb\xbfTitle\r\nbody\r\n", 100, "Title", "Title\nbody", "", ""},
		{"lone CR kept", "Title\rsame line", 100, "Title\rsame line", "Title\rsame line", "", ""},
		{"empty", "", 100, "", "", "empty document", ""},
		{"whitespace only", " \r\n\t\n", 100, "", "", "empty document", ""},
		{"BOM only", "\xef\xbb\xbf", 100, "", "", "empty document", ""},
		{"NUL removed", "Ti\x00tle\nbody text\x00", 100, "Title", "Title\nbody text", "", ""},
		{"some invalid UTF-8 repaired", "Caf\xe9\nau lait", 100, "Caf\uFFFD", "Caf\uFFFD\nau lait", "", ""},
		{"mostly invalid UTF-8", "\xff\xfe\xfd\xfcab", 100, "", "", "invalid UTF-8", ""},
		{"mostly NUL", "\x00\x00\x00\x00abc", 100, "", "", "invalid UTF-8", ""},
		{"one long line", strings.Repeat("ab", 50), 40, strings.Repeat("ab", 10), strings.Repeat("ab", 10), "", "document of 200 bytes truncated to 40 bytes"},
		{"truncated at rune boundary", "T\n" + strings.Repeat("é", 20), 11, "T", "T\néééé", "", "document of 43 bytes truncated to 11 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, skip, warn := parseTxt([]byte(tt.in), 0, tt.maxDoc)
			if title != tt.title || text != tt.text || skip != tt.skip || warn != tt.warn {
				t.Errorf("parseTxt(%q) = %q, %q, %q, %q; want %q, %q, %q, %q",
					tt.in, title, text, skip, warn, tt.title, tt.text, tt.skip, tt.warn)
			}
		})
	}
}

func TestOptionsNormalized(t *testing.T) {
	tests := []struct {
		in            Options
		maxDoc, limit int
	}{
		{Options{}, DefaultMaxDocBytes, 5 << 20},
		{Options{MaxDocBytes: -1}, DefaultMaxDocBytes, 5 << 20},
		{Options{MaxDocBytes: 1}, minDocBytes, 4*minDocBytes + 1<<20},
		{Options{MaxDocBytes: 1000}, 1000, 4000 + 1<<20},
		{Options{MaxDocBytes: 1 << 62}, 1 << 62, 1 << 40},
	}
	for _, tt := range tests {
		got := tt.in.normalized()
		if got.MaxDocBytes != tt.maxDoc || got.recordLimit() != tt.limit || got.Workers != runtime.GOMAXPROCS(0) {
			t.Errorf("%+v.normalized() = %+v, limit %d; want %d, %d", tt.in, got, got.recordLimit(), tt.maxDoc, tt.limit)
		}
	}
}

// checkNoLeak fails t if goroutines started during the test are still
// running after a short grace period.
func checkNoLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines before, %d after", before, runtime.NumGoroutine())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestReadStops(t *testing.T) {
	in := jsonlRecords(20000)
	errStop := errors.New("stop")
	tests := []struct {
		name    string
		cancel  bool // cancel ctx in emit, instead of failing
		at      int  // emit call that cancels or fails
		wantErr error
	}{
		{"cancel early", true, 10, context.Canceled},
		{"cancel late", true, 15000, context.Canceled},
		{"cancel before start", true, 0, context.Canceled},
		{"emit error", false, 10, errStop},
		{"emit error late", false, 19999, errStop},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 4} {
			t.Run(tt.name, func(t *testing.T) {
				before := runtime.NumGoroutine()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if tt.at == 0 {
					cancel()
				}
				n, afterStop := 0, 0
				stopped := false
				_, err := ReadJSONL(ctx, strings.NewReader(in), "in", Options{Workers: workers}, func(d Document) error {
					n++
					if stopped {
						afterStop++
					}
					if n == tt.at {
						stopped = true
						if !tt.cancel {
							return errStop
						}
						cancel()
					}
					return nil
				})
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
				if !tt.cancel && afterStop > 0 {
					t.Errorf("emit called %d times after failing", afterStop)
				}
				if afterStop >= batchLines { // ctx is checked once per batch
					t.Errorf("emit called %d times after cancel", afterStop)
				}
				checkNoLeak(t, before)
			})
		}
	}
}

func TestReadCancelBetweenPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "A", "b.txt": "B", "c.jsonl": jsonlRecords(10)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	_, err := Read(ctx, []string{filepath.Join(dir, "a.txt"), dir}, Options{}, func(d Document) error {
		got = append(got, d.ID)
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("err = %v, ids %q", err, got)
	}
}
