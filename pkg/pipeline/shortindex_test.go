package pipeline

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsclust/newsclust/internal/benchtext"
	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/shingle"
)

func TestShortBanding(t *testing.T) {
	for _, c := range []struct {
		name                string
		short               int
		threshold           float64
		wantBands, wantRows int
	}{
		{"defaults", 128, 0.35, 64, 2},
		{"off", 0, 0.35, 0, 0},
		{"main banding catches the threshold already", 128, 0.8, 0, 0}, // 32×4 catches 0.8 with 1 - (1-0.4096)^32
		{"threshold 0: no index", 128, 0, 0, 0},
		{"NaN", 128, math.NaN(), 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.ShortShingles, cfg.ShortDupThreshold = c.short, c.threshold
			b, r := shortBanding(&cfg, 32, 4)
			if b != c.wantBands || r != c.wantRows {
				t.Errorf("shortBanding = %d×%d, want %d×%d", b, r, c.wantBands, c.wantRows)
			}
		})
	}
}

func TestAcceptShortPairsLower(t *testing.T) {
	for _, c := range []struct {
		name             string
		short            int
		jaccard, contain float64
		small, large     int
		want             bool
	}{
		{"short pair at the short threshold", 128, 0.35, 0.5, 100, 128, true},
		{"short pair below it", 128, 0.34, 0.5, 100, 128, false},
		{"one long document", 128, 0.40, 0.5, 100, 129, false},
		{"one long document at the threshold", 128, 0.45, 0.5, 100, 129, true},
		{"short documents off", 0, 0.40, 0.5, 10, 20, false},
		{"contained, half the size", 128, 0.1, 0.9, 500, 1000, true},
		{"contained, under half the size", 128, 0.1, 0.9, 499, 1000, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.ShortShingles = c.short
			if got := cfg.accept(c.jaccard, c.contain, c.small, c.large); got != c.want {
				t.Errorf("accept(J %.2f, C %.2f, %d, %d) = %v, want %v", c.jaccard, c.contain, c.small, c.large, got, c.want)
			}
		})
	}
}

// TestAcceptNothingShared checks that a pair sharing no shingle is never
// accepted, even with thresholds of 0 that any other pair passes.
func TestAcceptNothingShared(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DupThreshold, cfg.ShortDupThreshold, cfg.DupContainment = 0, 0, 0
	for _, c := range []struct{ small, large int }{{10, 20}, {200, 300}} {
		if cfg.accept(0, 0, c.small, c.large) {
			t.Errorf("accept(J 0, C 0, %d, %d) = true, want false", c.small, c.large)
		}
		if !cfg.accept(0.01, 0.01, c.small, c.large) {
			t.Errorf("accept(J 0.01, C 0.01, %d, %d) = false with thresholds of 0", c.small, c.large)
		}
	}
}

func TestMergePairs(t *testing.T) {
	p := func(xs ...int32) []shingle.Pair {
		var out []shingle.Pair
		for i := 0; i < len(xs); i += 2 {
			out = append(out, shingle.Pair{A: xs[i], B: xs[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		a, b, want []shingle.Pair
	}{
		{nil, nil, nil},
		{p(0, 1), nil, p(0, 1)},
		{nil, p(0, 1), p(0, 1)},
		{p(0, 1, 2, 3), p(0, 1, 2, 3), p(0, 1, 2, 3)},
		{p(0, 2, 1, 2), p(0, 1, 1, 3, 4, 5), p(0, 1, 0, 2, 1, 2, 1, 3, 4, 5)},
	} {
		if got := mergePairs(c.a, c.b); !slices.Equal(got, c.want) {
			t.Errorf("mergePairs(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// editedShortCopies returns pairs of short texts, an original of about 40
// words and a copy with every ninth word replaced, whose shingle sets come
// out near the duplicate threshold, and a long article beside each.
func editedShortCopies(n int) []map[string]string {
	g := benchtext.New(7, 5000)
	r := rand.New(rand.NewPCG(7, 8))
	var recs []map[string]string
	for i := range n {
		orig := strings.Fields(g.Article(40).Text)
		cp := slices.Clone(orig)
		for j := r.IntN(9); j < len(cp); j += 9 {
			cp[j] = strings.Fields(g.Sentence())[0]
		}
		recs = append(recs,
			map[string]string{"id": fmt.Sprintf("o%03d", i), "text": strings.Join(orig, " ")},
			map[string]string{"id": fmt.Sprintf("c%03d", i), "text": strings.Join(cp, " ")},
			map[string]string{"id": fmt.Sprintf("l%03d", i), "text": g.Article(600).Text})
	}
	return recs
}

// TestShortIndexCatchesShortPairs checks that every pair of short documents
// at or above the duplicate threshold is a candidate, which the main
// banding alone misses for some, and that the short index proposes no pair
// of a longer document.
func TestShortIndexCatchesShortPairs(t *testing.T) {
	path := writeJSONL(t, t.TempDir(), editedShortCopies(80))
	cfg := DefaultConfig()
	ctx := context.Background()
	cd, err := readClean(ctx, &cfg, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	res := bandings(&cfg)
	main, distinct, err := allCandidates(ctx, &cfg, cd, &dupResult{bands: res.bands, rows: res.rows})
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := allCandidates(ctx, &cfg, cd, res)
	if err != nil {
		t.Fatal(err)
	}
	v := newVerifiers(1, distinct)[0]
	hashes := cd.vocab.Hashes()
	near, missedByMain := 0, 0
	for i := 0; i+1 < len(cd.docs); i += 3 {
		p := shingle.Pair{A: int32(i), B: int32(i + 1)}
		o, la, lb := v.counts(&cfg, cd, hashes, p.A, p.B)
		if la > cfg.ShortShingles || lb > cfg.ShortShingles {
			t.Fatalf("%s has %d shingles, %s %d: not short", cd.docs[i].ID, la, cd.docs[i+1].ID, lb)
		}
		if float64(o)/float64(la+lb-o) < cfg.ShortDupThreshold {
			continue
		}
		near++
		if _, ok := slices.BinarySearchFunc(all, p, comparePairs); !ok {
			t.Errorf("%s and %s, Jaccard %.2f, are not candidates", cd.docs[i].ID, cd.docs[i+1].ID, float64(o)/float64(la+lb-o))
		}
		if _, ok := slices.BinarySearchFunc(main, p, comparePairs); !ok {
			missedByMain++
		}
	}
	if near < 40 || missedByMain == 0 {
		t.Errorf("%d pairs at the threshold, %d missed by the main banding: the test no longer tests the short index", near, missedByMain)
	}
	for _, p := range all {
		if _, ok := slices.BinarySearchFunc(main, p, comparePairs); !ok && (distinct[p.A] > int32(cfg.ShortShingles) || distinct[p.B] > int32(cfg.ShortShingles)) {
			t.Errorf("short index proposed %s–%s with %d and %d shingles", cd.docs[p.A].ID, cd.docs[p.B].ID, distinct[p.A], distinct[p.B])
		}
	}
	t.Logf("%d pairs at the threshold, %d missed by the main banding; %d candidates, %d from the main index", near, missedByMain, len(all), len(main))
}

func TestReportRecordsShortIndex(t *testing.T) {
	for _, c := range []struct {
		name      string
		short     int
		threshold float64
		want      *report.ShortIndex
	}{
		{"defaults", 128, 0.35, &report.ShortIndex{MaxShingles: 128, DupThreshold: 0.35, Bands: 64, Rows: 2}},
		{"main banding suffices", 100, 0.8, &report.ShortIndex{MaxShingles: 100, DupThreshold: 0.8}},
		{"off", 0, 0.35, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.ShortShingles, cfg.ShortDupThreshold = c.short, c.threshold
			rep, err := Run(context.Background(), cfg, []string{"../../testdata/seeds"})
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Run.Params.ShortIndex
			if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
				t.Errorf("params.short_index = %+v, want %+v", got, c.want)
			}
		})
	}
}

// TestAllCandidatesWorkers checks that the candidates do not depend on the
// number of workers, though the short documents go into their index in
// whatever order the workers sign them. The corpus is large enough (2,400
// documents) for the signing to be split between two goroutines (one per
// 1,024 documents at most).
func TestAllCandidatesWorkers(t *testing.T) {
	path := writeJSONL(t, t.TempDir(), editedShortCopies(800))
	ctx := context.Background()
	var want []shingle.Pair
	for _, workers := range []int{1, 2} {
		cfg := DefaultConfig()
		cfg.Workers = workers
		cd, err := readClean(ctx, &cfg, []string{path})
		if err != nil {
			t.Fatal(err)
		}
		res := bandings(&cfg)
		if res.shortBands == 0 {
			t.Fatal("no short index at the default settings")
		}
		got, _, err := allCandidates(ctx, &cfg, cd, res)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d workers: %d candidates, 1 worker: %d, or they differ", workers, len(got), len(want))
		}
	}
	if len(want) == 0 {
		t.Fatal("no candidates")
	}
}

// TestMayBeShort checks the count that sizes the short documents' index:
// a document counts when its body, or its title when it has no body, has at
// most ShortShingles+ShingleSize-1 tokens, and on a corpus of short and long
// texts it counts at least every document that turns out short.
func TestMayBeShort(t *testing.T) {
	cfg := DefaultConfig()
	limit := cfg.ShortShingles + cfg.ShingleSize - 1
	tests := []struct {
		name        string
		body, title int
		want        int
	}{
		{"body at the limit", limit, 0, 1},
		{"body over the limit", limit + 1, 3, 0},
		{"long title, short body", 5, limit + 1, 1},
		{"title only", 0, 12, 1},
		{"title only, over the limit", 0, limit + 1, 0},
	}
	for _, tt := range tests {
		cd := &corpusData{docs: []doc{{nTokens: int32(tt.body), title: make([]uint32, tt.title)}}}
		if got := mayBeShort(&cfg, cd); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}

	path := writeJSONL(t, t.TempDir(), editedShortCopies(100))
	cd, err := readClean(context.Background(), &cfg, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	_, distinct, err := allCandidates(context.Background(), &cfg, cd, bandings(&cfg))
	if err != nil {
		t.Fatal(err)
	}
	short := 0
	for _, d := range distinct {
		if d <= int32(cfg.ShortShingles) {
			short++
		}
	}
	if got := mayBeShort(&cfg, cd); got < short || short == 0 || short == len(distinct) {
		t.Errorf("mayBeShort = %d for %d short documents of %d", got, short, len(distinct))
	}
}
