package corpus

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz seeds must stay small: each new input the engine derives from a
// seed is minimized, one exec per byte removed, for up to 60 s by default,
// and with kilobyte seeds (let alone megabyte ones) fuzzing stalls. Hence
// fuzzMaxDoc and fuzzLimit are small (the record limit is lowered from
// 4*MaxDocBytes + 1 MiB to 4*MaxDocBytes + 64 bytes, so that mutated lines
// cross it), and deep nesting is an argument, nest, that the target expands.
// Lines of 16 MiB and 20 MB are read at the real limit by
// TestReadJSONLLongLines.
const (
	fuzzMaxDoc = 64
	fuzzLimit  = 4*fuzzMaxDoc + 64
)

func FuzzReadJSONL(f *testing.F) {
	records := jsonlRecords(4)
	seeds := []string{
		records,
		string(gzipped(f, records)),
		string(gzipped(f, records)[:60]), // truncated gzip
		"\x1f\x8b",
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\xff\xff",
		"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n{\"id\":\"a\",\"text\":\"dup\"}",
		"{\"id\":\"a\",\"text\":\"\xff\xfe\xfd\"}\n{\"id\":\"b\",\"title\":\"caf\xe9\",\"text\":\"ok\"}",
		"{\"id\":\"a\",\"text\":\"\\u0000\\u0000x\"}\n{\"id\":\"b\",\"text\":\"a\x00b\"}\n{\"id\":\"c\\u0000\",\"text\":\"a\\u0000bcdef\"}",
		"{\"id\":\"\\ud800\",\"text\":\"\\udfff\\ud83d\\ude42\"}",
		`{"id":1,"title":2,"text":3,"published":4}` + "\n" + `{"id":1e400,"text":"big number"}` + "\n" + `{"id":-0,"text":"x"}`,
		`{"id":"a","text":"x","published":"2024-01-02"}` + "\n" + `{"id":"b","text":"x","published":"2024-01-02T03:04:05"}` + "\n" + `{"id":"c","text":"x","published":"nope"}`,
		`[1]` + "\n" + `"s"` + "\nnull\n" + `{"id":{},"text":"x"}` + "\n" + `{"id":"x","text":"x","n":[[[{}]]]}`,
		`{"id":"a","title":"` + strings.Repeat("日本", 10) + `","text":"` + strings.Repeat("🙂", 10) + `"}`,
		// Lines at and over the limit, between good ones.
		longRecord("at", fuzzLimit) + "\n" + longRecord("over", fuzzLimit+1) + "\n{\"id\":\"b\",\"text\":\"x\"}",
		string(gzipped(f, longRecord("gz", 2*fuzzLimit)+"\n"+records)),
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint16(0))
	}
	// Deep nesting, expanded by the target: 10k deep exceeds encoding/json's
	// limit of 10000, 9k does not.
	for _, nest := range []uint16{9000, 10001, 20000} {
		f.Add([]byte("{\"id\":\"a\",\"text\":\"x\"}\n"), nest)
		f.Add([]byte("{\"id\":\"a\",\"text\":\"x\",\"deep\":0}\n{\"id\":\"b\",\"text\":\"y\"}"), nest)
	}
	f.Fuzz(func(t *testing.T, data []byte, nest uint16) {
		limit := fuzzLimit
		if nest > 0 { // keep the deep line
			data = nested(data, int(nest))
			limit = len(data)
		}
		docs, probs := readFuzz(t, data, 1, limit)
		checkDocs(t, docs, fuzzMaxDoc)
		for _, p := range probs {
			if p.File != "fuzz" || p.Line < 0 || p.Message == "" {
				t.Errorf("bad problem %+v", p)
			}
		}
		docs4, probs4 := readFuzz(t, data, 4, limit)
		if !reflect.DeepEqual(docs, docs4) || !reflect.DeepEqual(probs, probs4) {
			t.Errorf("Workers=4 output differs from Workers=1")
		}
	})
}

// nested returns data with the first '0' of its first line replaced by n
// nested objects or, if that line has no '0', with the line wrapped in n
// arrays.
func nested(data []byte, n int) []byte {
	if n == 0 {
		return data
	}
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	var out []byte
	if i := bytes.IndexByte(line, '0'); i >= 0 {
		out = append(out, line[:i]...)
		out = append(out, strings.Repeat(`{"a":`, n)+"0"+strings.Repeat("}", n)...)
		out = append(out, line[i+1:]...)
	} else {
		out = append(out, strings.Repeat("[", n)...)
		out = append(out, line...)
		out = append(out, strings.Repeat("]", n)...)
	}
	return append(append(out, '\n'), rest...)
}

// longRecord returns a record of n bytes (at least 30) with the given id.
func longRecord(id string, n int) string {
	head := `{"id":"` + id + `","text":"`
	return head + strings.Repeat("y", n-len(head)-2) + `"}`
}

// readFuzz reads data as JSONL with fuzzMaxDoc, the given record limit and
// number of workers.
func readFuzz(t *testing.T, data []byte, workers, limit int) ([]Document, []Problem) {
	var docs []Document
	r := newReader(Options{MaxDocBytes: fuzzMaxDoc, Workers: workers}, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	r.limit = limit
	if err := r.readJSONL(context.Background(), bytes.NewReader(data), "fuzz"); err != nil {
		t.Fatalf("readJSONL: %v", err)
	}
	return docs, r.problems
}

func FuzzReadTxt(f *testing.F) {
	seeds := []string{
		"Title\nbody",
		"\xef\xbb\xbf\r\n\r\n  Title \r\nbody\r\n",
		"",
		" \t\n",
		"\x00\x00\x00\x00abc",
		"Caf\xe9\nau lait",
		"\xff\xfe\xfd\xfc",
		strings.Repeat("日本語", 100),
		"T\n" + strings.Repeat("🙂", 100),
		string(gzipped(f, "not text")),
	}
	for _, s := range seeds {
		f.Add([]byte(s), 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, unread int) {
		unread = max(unread, 0) % (1 << 30)
		orig := bytes.Clone(data)
		title, text, skip, warn := parseTxt(data, unread, 64)
		if !bytes.Equal(data, orig) {
			t.Fatal("parseTxt modified its input")
		}
		if skip != "" {
			if title != "" || text != "" || warn != "" {
				t.Errorf("skipped (%s) but returned %q, %q, %q", skip, title, text, warn)
			}
			return
		}
		switch {
		case title == "" || text == "":
			t.Errorf("empty title %q or text %q", title, text)
		case !utf8.ValidString(title) || !utf8.ValidString(text):
			t.Errorf("invalid UTF-8: %q, %q", title, text)
		case len(title)+len(text) > 64:
			t.Errorf("%d+%d bytes > 64", len(title), len(text))
		case strings.ContainsRune(title+text, 0):
			t.Errorf("NUL in %q, %q", title, text)
		case strings.ContainsRune(title, '\n'):
			t.Errorf("title %q spans lines", title)
		case !strings.HasPrefix(text, title) && !strings.HasPrefix(title, text):
			t.Errorf("title %q is not the start of text %q", title, text)
		}
	})
}

func TestFuzzNested(t *testing.T) {
	rec := []byte("{\"id\":\"a\",\"text\":\"x\",\"deep\":0}\n{\"id\":\"b\",\"text\":\"y\"}")
	tests := []struct {
		data  []byte
		nest  int
		ids   []string
		probs []wantProblem
	}{
		{rec, 9000, []string{"a", "b"}, nil},
		{rec, 10001, []string{"b"}, []wantProblem{{1, "malformed JSON: invalid character '{' exceeded max depth"}}},
		{[]byte(`{"id":"a"}`), 9000, nil, []wantProblem{{1, "record is not a JSON object (array)"}}},
		{[]byte(`{"id":"a"}`), 10001, nil, []wantProblem{{1, "malformed JSON: invalid character '[' exceeded max depth"}}},
	}
	for _, tt := range tests {
		data := nested(tt.data, tt.nest)
		docs, probs := readFuzz(t, data, 2, len(data))
		if got := ids(docs); !reflect.DeepEqual(got, append([]string{}, tt.ids...)) {
			t.Errorf("nest %d: ids %q, want %q", tt.nest, got, tt.ids)
		}
		checkProblems(t, probs, "fuzz", tt.probs)
	}
}
