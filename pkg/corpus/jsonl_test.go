package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// wantProblem is an expected problem: its line and a prefix of its message.
type wantProblem struct {
	line   int
	prefix string
}

// readAll reads src with ReadJSONL under the name "in.jsonl" and returns
// what it emitted.
func readAll(t testing.TB, src io.Reader, opt Options) ([]Document, []Problem) {
	t.Helper()
	var docs []Document
	probs, err := ReadJSONL(context.Background(), src, "in.jsonl", opt, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadJSONL: %v", err)
	}
	return docs, probs
}

// ids returns the ids of docs.
func ids(docs []Document) []string {
	out := make([]string, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// checkProblems fails t unless probs match want, in order.
func checkProblems(t *testing.T, probs []Problem, file string, want []wantProblem) {
	t.Helper()
	if len(probs) != len(want) {
		t.Fatalf("got %d problems %+v, want %d %v", len(probs), probs, len(want), want)
	}
	for i, p := range probs {
		if p.File != file || p.Line != want[i].line || !strings.HasPrefix(p.Message, want[i].prefix) {
			t.Errorf("problem %d = %s:%d %q, want %s:%d %q...", i, p.File, p.Line, p.Message, file, want[i].line, want[i].prefix)
		}
		kept := strings.HasPrefix(p.Message, "document of") || strings.HasPrefix(p.Message, "cannot parse published")
		if p.Skipped == kept {
			t.Errorf("problem %d %q: Skipped = %v", i, p.Message, p.Skipped)
		}
	}
}

func TestReadJSONLRecords(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		opt   Options
		ids   []string
		probs []wantProblem
	}{
		{
			name: "valid and blank lines",
			in:   "{\"id\":\"a\",\"text\":\"x\"}\n\n   \n\t\n{\"id\":\"b\",\"title\":\"y\"}",
			ids:  []string{"a", "b"},
		},
		{
			name:  "malformed JSON",
			in:    "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"z\"}\n",
			ids:   []string{"a", "c"},
			probs: []wantProblem{{2, "malformed JSON: unexpected end of JSON input"}},
		},
		{
			name: "missing or empty id",
			in: `{"text":"x"}
{"id":null,"text":"x"}
{"id":"","text":"x"}
{"id":" \t","text":"x"}
{"id":"ok","text":"x"}`,
			ids: []string{"ok"},
			probs: []wantProblem{
				{1, "missing id"}, {2, "missing id"}, {3, "empty id"}, {4, "empty id"},
			},
		},
		{
			name: "numeric ids keep their literal text",
			in:   "{\"id\":42,\"text\":\"x\"}\n{\"id\":-1.5e3,\"text\":\"x\"}\n{\"id\":\"42.0\",\"text\":\"x\"}",
			ids:  []string{"42", "-1.5e3", "42.0"},
		},
		{
			name: "id of wrong type",
			in:   "{\"id\":{\"a\":1},\"text\":\"x\"}\n{\"id\":[1],\"text\":\"x\"}\n{\"id\":true,\"text\":\"x\"}",
			probs: []wantProblem{
				{1, `wrong type for field "id": object`},
				{2, `wrong type for field "id": array`},
				{3, `wrong type for field "id": bool`},
			},
		},
		{
			name: "duplicate id",
			in:   "{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"b\",\"text\":\"2\"}\n\n{\"id\":\"a\",\"text\":\"3\"}\n{\"id\":1,\"text\":\"4\"}\n{\"id\":\"1\",\"text\":\"5\"}",
			ids:  []string{"a", "b", "1"},
			probs: []wantProblem{
				{4, `duplicate id "a" (first at in.jsonl:1)`},
				{6, `duplicate id "1" (first at in.jsonl:5)`},
			},
		},
		{
			name: "wrong-typed fields",
			in: `{"id":"a","title":5,"text":"x"}
{"id":"b","text":["x"]}
{"id":"c","text":"x","url":{}}
{"id":"d","text":"x","published":20240101}
{"id":"e","text":"x","lang":true}
{"id":"f","text":"x","source":null,"url":null,"title":null}`,
			ids: []string{"f"},
			probs: []wantProblem{
				{1, `wrong type for field "title": number, want string`},
				{2, `wrong type for field "text": array`},
				{3, `wrong type for field "url": object`},
				{4, `wrong type for field "published": number`},
				{5, `wrong type for field "lang": bool`},
			},
		},
		{
			name: "record not an object",
			in:   "[1,2]\n\"a\"\n42\nnull\ntrue\n[[[",
			probs: []wantProblem{
				{1, "record is not a JSON object (array)"},
				{2, "record is not a JSON object (string)"},
				{3, "record is not a JSON object (number)"},
				{4, "record is not a JSON object (null)"},
				{5, "record is not a JSON object (bool)"},
				{6, "malformed JSON"},
			},
		},
		{
			name: "neither title nor text",
			in:   "{\"id\":\"a\"}\n{\"id\":\"b\",\"title\":\" \",\"text\":\"\\n\\t\"}\n{\"id\":\"c\",\"title\":\"t\"}",
			ids:  []string{"c"},
			probs: []wantProblem{
				{1, "neither title nor text"}, {2, "neither title nor text"},
			},
		},
		{
			name: "invalid UTF-8",
			in: "{\"id\":\"a\",\"text\":\"caf\xe9 au lait is fine\"}\n" +
				"{\"id\":\"b\",\"text\":\"\xff\xfe\xfd\xfc ab\"}\n" +
				"{\"id\":\"c\",\"title\":\"\xff\xff\",\"text\":\"\xfe\"}\n" +
				"{\"id\":\"d\",\"text\":\"\\ufffd\\ufffd\\ufffdabc\"}",
			ids: []string{"a"},
			probs: []wantProblem{
				{2, "invalid UTF-8"}, {3, "invalid UTF-8"}, {4, "invalid UTF-8"},
			},
		},
		{
			name:  "NUL bytes",
			in:    "{\"id\":\"a\\u0000\",\"text\":\"a\\u0000b and more\"}\n{\"id\":\"b\",\"text\":\"\\u0000\\u0000\\u0000x\"}",
			ids:   []string{"a"},
			probs: []wantProblem{{2, "invalid UTF-8"}},
		},
		{
			name:  "raw NUL byte is malformed JSON",
			in:    "{\"id\":\"a\",\"text\":\"a\x00b\"}",
			probs: []wantProblem{{1, "malformed JSON: invalid character '\\x00' in string literal"}},
		},
		{
			name: "BOM and CRLF",
			in:   "\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n",
			ids:  []string{"a", "b"},
		},
		{
			name:  "BOM only stripped on line 1",
			in:    "{\"id\":\"a\",\"text\":\"x\"}\n\xef\xbb\xbf{\"id\":\"b\",\"text\":\"y\"}",
			ids:   []string{"a"},
			probs: []wantProblem{{2, "malformed JSON"}},
		},
		{
			name: "unknown fields ignored",
			in:   `{"id":"a","text":"x","extra":{"deep":[1,2,{"x":null}]},"n":1.5}`,
			ids:  []string{"a"},
		},
		{
			name:  "deeply nested JSON",
			in:    `{"id":"a","text":"x","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}\n" + strings.Repeat("[", 20000),
			probs: []wantProblem{{1, "malformed JSON: invalid character '[' exceeded max depth"}, {2, "malformed JSON: invalid character '[' exceeded max depth"}},
		},
		{
			name:  "unparseable published keeps the document",
			in:    `{"id":"a","text":"x","published":"yesterday"}`,
			ids:   []string{"a"},
			probs: []wantProblem{{1, `cannot parse published "yesterday"`}},
		},
		{
			name:  "truncation warning",
			in:    `{"id":"a","title":"Title","text":"` + strings.Repeat("é", 100) + `"}`,
			opt:   Options{MaxDocBytes: 50},
			ids:   []string{"a"},
			probs: []wantProblem{{1, "document of 205 bytes truncated to 49 bytes"}},
		},
		{
			name:  "truncation and bad date joined",
			in:    `{"id":"a","text":"` + strings.Repeat("x", 100) + `","published":"2024-13-01"}`,
			opt:   Options{MaxDocBytes: 50},
			ids:   []string{"a"},
			probs: []wantProblem{{1, `document of 100 bytes truncated to 50 bytes; cannot parse published "2024-13-01"`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, probs := readAll(t, strings.NewReader(tt.in), tt.opt)
			if got := ids(docs); !reflect.DeepEqual(got, append([]string{}, tt.ids...)) {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			checkProblems(t, probs, "in.jsonl", tt.probs)
			checkDocs(t, docs, tt.opt.normalized().MaxDocBytes)
		})
	}
}

// checkDocs checks the invariants of emitted documents.
func checkDocs(t testing.TB, docs []Document, maxDoc int) {
	t.Helper()
	seen := map[string]bool{}
	for _, d := range docs {
		switch {
		case d.ID == "":
			t.Errorf("document with empty id: %+v", d)
		case seen[d.ID]:
			t.Errorf("duplicate id %q emitted", d.ID)
		case !utf8.ValidString(d.Title) || !utf8.ValidString(d.Text):
			t.Errorf("document %q: invalid UTF-8", d.ID)
		case len(d.Title)+len(d.Text) > maxDoc:
			t.Errorf("document %q: %d+%d bytes > %d", d.ID, len(d.Title), len(d.Text), maxDoc)
		case d.Title == "" && d.Text == "":
			t.Errorf("document %q: neither title nor text", d.ID)
		case strings.ContainsRune(d.Title+d.Text, 0):
			t.Errorf("document %q: NUL byte", d.ID)
		}
		seen[d.ID] = true
	}
}

func TestReadJSONLDocument(t *testing.T) {
	in := `{"id":"a1","title":"  Big news \r\n","text":"Line one.\r\nLine \"two\".\u00e9 ","published":"2024-03-05T10:20:30+02:00","url":" https://x.example/a ","source":"Example","lang":"fr","other":1}` + "\n" +
		`{"ID":7,"Title":"Case-insensitive keys","published":"2024-03-05"}` + "\n" +
		`{"id":"a3","text":"x","published":"2024-03-05T10:20:30.5"}` + "\n" +
		`{"id":"a4","text":"é\u0000, a NUL","published":"  "}`
	docs, probs := readAll(t, strings.NewReader(in), Options{})
	checkProblems(t, probs, "in.jsonl", nil)
	want := []Document{
		{
			ID: "a1", Title: "Big news", Text: "Line one.\nLine \"two\".é",
			Published: time.Date(2024, 3, 5, 8, 20, 30, 0, time.UTC),
			URL:       "https://x.example/a", Source: "Example", Lang: "fr",
			File: "in.jsonl", Line: 1,
		},
		{ID: "7", Title: "Case-insensitive keys", Published: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), File: "in.jsonl", Line: 2},
		{ID: "a3", Text: "x", Published: time.Date(2024, 3, 5, 10, 20, 30, 5e8, time.UTC), File: "in.jsonl", Line: 3},
		{ID: "a4", Text: "é, a NUL", File: "in.jsonl", Line: 4},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("got\n%+v\nwant\n%+v", docs, want)
	}
}

func TestParsePublished(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{" ", time.Time{}, true},
		{"2024-03-05T10:20:30Z", time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC), true},
		{"2024-03-05T10:20:30.123-05:00", time.Date(2024, 3, 5, 15, 20, 30, 123e6, time.UTC), true},
		{"2024-03-05T10:20:30", time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC), true},
		{"2024-03-05", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), true},
		{"2024-02-30", time.Time{}, false},
		{"05/03/2024", time.Time{}, false},
		{"2024-03-05 10:20:30", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parsePublished(tt.in)
		if !got.Equal(tt.want) || ok != tt.ok || got.Location() != time.UTC {
			t.Errorf("parsePublished(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadJSONLTruncatesAtRuneBoundary(t *testing.T) {
	for maxDoc := minDocBytes; maxDoc < 40; maxDoc++ {
		in := `{"id":"a","title":"` + strings.Repeat("日", 10) + `","text":"` + strings.Repeat("🙂", 10) + `"}`
		docs, probs := readAll(t, strings.NewReader(in), Options{MaxDocBytes: maxDoc})
		if len(docs) != 1 || len(probs) != 1 {
			t.Fatalf("max %d: %d docs, problems %v", maxDoc, len(docs), probs)
		}
		d := docs[0]
		if d.Title == "" || d.Text == "" || len(d.Title)+len(d.Text) > maxDoc ||
			!utf8.ValidString(d.Title) || !utf8.ValidString(d.Text) {
			t.Errorf("max %d: title %q text %q", maxDoc, d.Title, d.Text)
		}
	}
}

// newLongLine returns a JSONL stream whose second line is a record of n
// bytes, generated as it is read so that the test does not hold it.
func newLongLine(n int) io.Reader {
	head := `{"id":"long","text":"`
	tail := "\"}\n"
	return io.MultiReader(
		strings.NewReader(`{"id":"first","text":"a"}`+"\n"+head),
		io.LimitReader(repeatReader('x'), int64(n-len(head)-len(tail)+1)),
		strings.NewReader(tail+`{"id":"last","text":"b"}`+"\n"),
	)
}

// repeatReader is an endless stream of one byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestReadJSONLLongLines(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name    string
		n       int // line length in bytes
		maxDoc  int
		ids     []string
		problem string
	}{
		{"20 MB line skipped", 20e6, 0, []string{"first", "last"}, "record of 20000000 bytes exceeds the limit"},
		{"16 MiB + 1 line skipped", 16*mib + 1, 0, []string{"first", "last"}, "record of 16777217 bytes exceeds the limit"},
		{"3 MB line truncated", 3e6, 0, []string{"first", "long", "last"}, "document of 2999977 bytes truncated to 1048576 bytes"},
		{"line at the limit kept", 4*1000 + mib, 1000, []string{"first", "long", "last"}, "document of 1052553 bytes truncated to 1000 bytes"},
		{"line over the limit skipped", 4*1000 + mib + 1, 1000, []string{"first", "last"}, "record of 1052577 bytes exceeds the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, probs := readAll(t, newLongLine(tt.n), Options{MaxDocBytes: tt.maxDoc})
			if got := ids(docs); !reflect.DeepEqual(got, tt.ids) {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			checkProblems(t, probs, "in.jsonl", []wantProblem{{2, tt.problem}})
			checkDocs(t, docs, Options{MaxDocBytes: tt.maxDoc}.normalized().MaxDocBytes)
		})
	}
}

func TestReadJSONLLongLineMemory(t *testing.T) {
	// With a 1 MiB record limit a 20 MB line must cost far less than 20 MB.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	docs, probs := readAll(t, newLongLine(20e6), Options{MaxDocBytes: minDocBytes, Workers: 1})
	runtime.ReadMemStats(&after)
	if len(docs) != 2 || len(probs) != 1 {
		t.Fatalf("got %d docs, problems %v", len(docs), probs)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("reading allocated %d bytes, want < 8 MiB", alloc)
	}
}

// gzipped returns s compressed with gzip.
func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.WriteString(zw, s); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jsonlRecords returns n valid JSONL records with ids r1...rn.
func jsonlRecords(n int) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"title\":\"Title %d\",\"text\":\"%s\"}\n", i, i, strings.Repeat("word ", i%50+1))
	}
	return sb.String()
}

func TestReadJSONLGzip(t *testing.T) {
	plain := jsonlRecords(3000)
	full := gzipped(t, plain)
	t.Run("whole stream", func(t *testing.T) {
		docs, probs := readAll(t, bytes.NewReader(full), Options{})
		if len(docs) != 3000 || len(probs) != 0 {
			t.Fatalf("got %d docs, problems %v", len(docs), probs)
		}
	})
	t.Run("concatenated members", func(t *testing.T) {
		two := append(gzipped(t, jsonlRecords(2)), gzipped(t, `{"id":"z","text":"z"}`)...)
		docs, probs := readAll(t, bytes.NewReader(two), Options{})
		if got := ids(docs); !reflect.DeepEqual(got, []string{"r1", "r2", "z"}) || len(probs) != 0 {
			t.Fatalf("ids %q, problems %v", got, probs)
		}
	})
	for _, cut := range []int{len(full) / 3, len(full) / 2, len(full) - 5} {
		t.Run(fmt.Sprintf("truncated at %d of %d", cut, len(full)), func(t *testing.T) {
			docs, probs := readAll(t, bytes.NewReader(full[:cut]), Options{Workers: 3})
			if len(docs) == 0 || len(docs) >= 3000 && cut < len(full)-8 {
				t.Fatalf("got %d docs", len(docs))
			}
			for i, d := range docs {
				if want := fmt.Sprintf("r%d", i+1); d.ID != want {
					t.Fatalf("doc %d has id %q, want %q", i, d.ID, want)
				}
			}
			checkProblems(t, probs, "in.jsonl", []wantProblem{{len(docs) + 1, "gzip: unexpected EOF"}})
		})
	}
	t.Run("corrupt header", func(t *testing.T) {
		bad := append([]byte{0x1f, 0x8b, 0xff}, full[3:]...)
		docs, probs := readAll(t, bytes.NewReader(bad), Options{})
		if len(docs) != 0 {
			t.Errorf("got %d docs", len(docs))
		}
		checkProblems(t, probs, "in.jsonl", []wantProblem{{0, "gzip: invalid header"}})
	})
	t.Run("magic bytes only", func(t *testing.T) {
		docs, probs := readAll(t, bytes.NewReader([]byte{0x1f, 0x8b}), Options{})
		if len(docs) != 0 {
			t.Errorf("got %d docs", len(docs))
		}
		checkProblems(t, probs, "in.jsonl", []wantProblem{{0, "gzip: unexpected EOF"}})
	})
	t.Run("corrupt data", func(t *testing.T) {
		bad := bytes.Clone(full)
		for i := len(bad) / 2; i < len(bad)/2+64; i++ {
			bad[i] ^= 0x55
		}
		docs, probs := readAll(t, bytes.NewReader(bad), Options{})
		if len(docs) == 0 || len(probs) == 0 || !strings.HasPrefix(probs[len(probs)-1].Message, "gzip: ") {
			t.Errorf("got %d docs, problems %v", len(docs), probs)
		}
	})
}

func TestReadJSONLWorkersDeterministic(t *testing.T) {
	var sb strings.Builder
	for i := range 5000 {
		switch i % 11 {
		case 0:
			sb.WriteString("{broken\n")
		case 1:
			fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"text\":\"dup\"}\n", i-100) // duplicates some earlier ids
		case 2:
			sb.WriteString("{\"text\":\"no id\"}\n")
		case 3:
			fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"text\":5}\n", i)
		case 4:
			fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"text\":\"\xff\xfe\xfd\"}\n", i)
		case 5:
			fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"text\":\"%s\",\"published\":\"bad\"}\n", i, strings.Repeat("long ", 100))
		case 6:
			sb.WriteString("\n")
		default:
			fmt.Fprintf(&sb, "{\"id\":\"r%d\",\"title\":\"t%d\",\"text\":\"body %d\"}\n", i, i, i)
		}
	}
	in := sb.String()
	opt := Options{MaxDocBytes: 300, Workers: 1}
	wantDocs, wantProbs := readAll(t, strings.NewReader(in), opt)
	if len(wantDocs) < 2000 || len(wantProbs) < 2000 {
		t.Fatalf("only %d docs and %d problems", len(wantDocs), len(wantProbs))
	}
	for _, workers := range []int{2, 4, 16} {
		opt.Workers = workers
		docs, probs := readAll(t, strings.NewReader(in), opt)
		if !reflect.DeepEqual(docs, wantDocs) || !reflect.DeepEqual(probs, wantProbs) {
			t.Errorf("Workers=%d: output differs from Workers=1", workers)
		}
	}
}

// failingReader returns its data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadJSONLStreamErrors(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name string
		src  io.Reader
		ids  []string
		want []wantProblem
	}{
		{"at line start", &failingReader{[]byte(jsonlRecords(2)), boom}, []string{"r1", "r2"}, []wantProblem{{3, "read: boom"}}},
		{"mid line", &failingReader{[]byte(jsonlRecords(2) + `{"id":"r3"`), boom}, []string{"r1", "r2"}, []wantProblem{{3, "read: boom"}}},
		{"before any byte", &failingReader{nil, boom}, nil, []wantProblem{{0, "read: boom"}}},
		{"gzip member then error", io.MultiReader(bytes.NewReader(gzipped(t, jsonlRecords(1))[:30]), &failingReader{nil, boom}), nil, []wantProblem{{1, "gzip: boom"}}},
		{"long bad date", strings.NewReader(`{"id":"a","text":"x","published":"` + strings.Repeat("9", 100) + `"}`), []string{"a"},
			[]wantProblem{{1, `cannot parse published "` + strings.Repeat("9", 64) + `"...`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, probs := readAll(t, tt.src, Options{})
			if got := ids(docs); !reflect.DeepEqual(got, append([]string{}, tt.ids...)) {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			checkProblems(t, probs, "in.jsonl", tt.want)
		})
	}
}
