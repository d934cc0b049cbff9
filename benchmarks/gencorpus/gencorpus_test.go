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
