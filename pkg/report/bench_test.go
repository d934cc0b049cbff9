package report

// BenchmarkEncode writes a report the shape of a 10,000-article run: stories
// of heavy-tailed size with titled members and near-duplicate groups. The
// byte rate counts the JSON written.

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"
)

func benchReport(docs int) *Report {
	r := rand.New(rand.NewPCG(5, 6))
	rep := &Report{Schema: Schema, Run: Run{Timings: map[string]int64{}}}
	t := time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)
	for n := 0; n < docs; {
		s := Story{ID: fmt.Sprintf("story-%016x", r.Uint64()), Headline: "Officials warn of rising flood risk after record rainfall in the region",
			TopTerms: []string{"flood", "rain", "river", "warn", "region", "record", "level", "water"}, FirstPublished: &t, LastPublished: &t}
		size := 1 + int(r.ExpFloat64()*3)
		for k := range size {
			s.Members = append(s.Members, StoryMember{ID: fmt.Sprintf("n%08d", n+k), Title: "Rivers rise as storms batter the coast for a third day"})
		}
		s.Size = size
		rep.Stories = append(rep.Stories, s)
		if size > 2 {
			g := Group{ID: fmt.Sprintf("dup-%016x", r.Uint64()), Canonical: s.Members[0].ID}
			for _, m := range s.Members[:2] {
				g.Members = append(g.Members, Member{ID: m.ID, Similarity: 0.8123, Containment: 0.9311})
			}
			rep.NearDuplicates = append(rep.NearDuplicates, g)
		}
		n += size
	}
	return rep
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func BenchmarkEncode(b *testing.B) {
	rep := benchReport(10000)
	var cw countWriter
	Encode(&cw, rep)
	b.SetBytes(cw.n)
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGroupID(b *testing.B) {
	ids := []string{"n00000001", "n00000002", "n00000003", "n00000004"}
	b.ReportAllocs()
	for b.Loop() {
		GroupID("story-", ids)
	}
}
