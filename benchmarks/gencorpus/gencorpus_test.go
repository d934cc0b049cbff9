package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

var (
	loadOnce sync.Once
	testPool *pool
	loadErr  error
)

// testData loads the corpora and builds the pool once, or skips the test
// when the corpora are absent.
func testData(t *testing.T) *pool {
	t.Helper()
	dir, ok := source.FindDir(".")
	if !ok {
		t.Skip("no data directory at", source.DefaultDir, "from the module root")
	}
	loadOnce.Do(func() {
		var d *source.Data
		if d, loadErr = source.Load(dir); loadErr == nil {
			testPool = newPool(d)
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return testPool
}

func gen(t *testing.T, p *pool, n int, seed uint64, gz bool, workers int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := generate(&buf, p, n, seed, 7, gz, workers); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	d := testData(t)
	a := gen(t, d, 2500, 42, false, 1)
	if b := gen(t, d, 2500, 42, false, 3); !bytes.Equal(a, b) {
		t.Fatal("same seed, different bytes with 1 and 3 workers")
	}
	if c := gen(t, d, 2500, 43, false, 2); bytes.Equal(a, c) {
		t.Fatal("different seeds, same bytes")
	}
	z := gen(t, d, 2500, 42, true, 2)
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, a) {
		t.Fatal("gzip output does not decompress to the plain output")
	}
}

type rec struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Story     string `json:"story"`
	DupOf     string `json:"dup_of"`
}

func TestRecords(t *testing.T) {
	d := testData(t)
	const n = 2000
	sc := bufio.NewScanner(bytes.NewReader(gen(t, d, n, 7, false, 2)))
	sc.Buffer(nil, 1<<24)
	seen := map[string]rec{}
	var prev time.Time
	dups := 0
	for sc.Scan() {
		var r rec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", len(seen)+1, err)
		}
		pub, err := time.Parse(time.RFC3339, r.Published)
		if err != nil || pub.Before(prev) {
			t.Fatalf("%s: bad or out-of-order time %q", r.ID, r.Published)
		}
		prev = pub
		if r.Title == "" || r.Text == "" || r.Story == "" || !strings.HasPrefix(r.URL, "https://") || r.Source == "" {
			t.Fatalf("%s: empty field: %+v", r.ID, r)
		}
		if _, ok := seen[r.ID]; ok {
			t.Fatalf("duplicate id %s", r.ID)
		}
		if r.DupOf != "" {
			o, ok := seen[r.DupOf]
			if !ok || o.Story != r.Story || o.DupOf != "" {
				t.Fatalf("%s: dup_of %s is not an earlier original of the same story", r.ID, r.DupOf)
			}
			dups++
		}
		seen[r.ID] = r
	}
	if len(seen) != n {
		t.Fatalf("%d records, want %d", len(seen), n)
	}
	if dups < n/10 || dups > n*15/100 {
		t.Errorf("%d duplicates in %d", dups, n)
	}
}

func TestAppendJSON(t *testing.T) {
	for _, s := range []string{"plain", `q"uo\te`, "line\nbreak\ttab\r\x01\x1f", "naïve “quotes” €", ""} {
		b := appendJSON(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("appendJSON(%q) = %s: decodes to %q, %v", s, b, got, err)
		}
	}
}

func TestStorySize(t *testing.T) {
	p := testData(t)
	pl := makePlan(p, 20000, 1, 7)
	size := map[int32]int{}
	for _, a := range pl.arts {
		size[a.story]++
	}
	small, big := 0, 0
	for _, n := range size {
		switch {
		case n <= 3:
			small++
		case n >= 24:
			big++
		}
	}
	if small*2 < len(size) || big == 0 {
		t.Errorf("sizes not heavy-tailed: %d of %d stories have 1-3 articles, %d have 24 or more", small, len(size), big)
	}
}

// TestAppendReworded checks which words -reword replaces: those that begin
// with four lower-case letters or more, keeping what follows the letters,
// the same way for one story, differently for another, and none at share 0.
func TestAppendReworded(t *testing.T) {
	text := "The court heard, on Tuesday, that witnesses saw smoke."
	marks := "(the court) company’s week-long it’s"
	vocab := []string{"alpha", "beta", "gamma", "delta"}
	tests := []struct {
		name   string
		reword uint64
		rename uint64
		want   func(got string) bool
	}{
		{"share 0 keeps the text", 0, 7, func(got string) bool { return got == text }},
		{"share 1 replaces every long lower-case word", 1024, 7, func(got string) bool {
			w := strings.Fields(got)
			if len(w) != 9 {
				return false
			}
			kept := w[0] == "The" && w[3] == "on" && w[4] == "Tuesday," && w[7] == "saw"
			replaced := w[1] != "court" && w[2] != "heard," && w[5] != "that" && w[6] != "witnesses" && w[8] != "smoke."
			punctuation := strings.HasSuffix(w[2], ",") && strings.HasSuffix(w[8], ".")
			return kept && replaced && punctuation
		}},
	}
	all := &pool{vocab: vocab, reword: 1024}
	got := strings.Fields(string(all.appendReworded(nil, marks, 7)))
	if len(got) != 5 || got[0] != "(the" || !strings.HasSuffix(got[1], ")") || got[1] == "court)" ||
		!strings.HasSuffix(got[2], "’s") || got[2] == "company’s" || !strings.HasSuffix(got[3], "-long") || got[4] != "it’s" {
		t.Errorf("appendReworded(%q) = %q: want the letters replaced and what follows them kept", marks, got)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pool{vocab: vocab, reword: tt.reword}
			if got := string(p.appendReworded(nil, text, tt.rename)); !tt.want(got) {
				t.Errorf("appendReworded = %q", got)
			}
		})
	}
	p := &pool{vocab: vocab, reword: 512}
	a1, a2 := p.appendReworded(nil, text, 7), p.appendReworded(nil, text, 7)
	if string(a1) != string(a2) {
		t.Errorf("one story words a sentence two ways: %q, %q", a1, a2)
	}
	differ := false
	for r := uint64(8); r < 40 && !differ; r++ {
		differ = string(p.appendReworded(nil, text, r)) != string(a1)
	}
	if !differ {
		t.Error("32 other stories all word the sentence as story 7 does")
	}
}
