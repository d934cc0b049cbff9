package pipeline

// A generated corpus for the tests and benchmarks of this package: news-like
// articles (internal/benchtext) in stories of a few articles that share
// sentences, about one in eight a syndicated copy of another with a changed
// headline and a publisher's footer, spread over three days.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsclust/newsclust/internal/benchtext"
)

type fixtureRecord struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Published time.Time `json:"published"`
	Source    string    `json:"source"`
}

// writeFixture writes n articles as JSON lines to a file in t's temporary
// directory and returns its path and size in bytes.
func writeFixture(tb testing.TB, n int) (string, int64) {
	g := benchtext.New(2, 20000)
	var b strings.Builder
	enc := json.NewEncoder(&b)
	start := time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)
	var prev []fixtureRecord
	for i := range n {
		rec := fixtureRecord{ID: fmt.Sprintf("a%06d", i), Published: start.Add(time.Duration(i%4320) * time.Minute), Source: fmt.Sprintf("site%d.example", i%17)}
		switch {
		case i%8 == 7 && len(prev) > 0:
			orig := prev[len(prev)-1]
			rec.Title = g.Sentence()
			rec.Text = orig.Text + "\n\nCopyright " + rec.Source + ". All rights reserved."
		case i%3 != 0 && len(prev) > 0:
			a := g.Article(300)
			rec.Title, rec.Text = a.Title, prev[len(prev)-1].Text[:len(prev[len(prev)-1].Text)/2]+"\n\n"+a.Text
		default:
			a := g.Article(400)
			rec.Title, rec.Text = a.Title, a.Text
			prev = prev[:0]
		}
		prev = append(prev, rec)
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	path := filepath.Join(tb.TempDir(), "fixture.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, int64(b.Len())
}
