package main

import (
	"bytes"
	"sync"
	"testing"

	"github.com/newsclust/newsclust/benchmarks/internal/shingle"
	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

var (
	loadOnce sync.Once
	loaded   *source.Data
	loadErr  error
)

// testData loads the corpora once, or skips the test when they are absent.
func testData(t *testing.T) *source.Data {
	t.Helper()
	dir, ok := source.FindDir(".")
	if !ok {
		t.Skip("no data directory at", source.DefaultDir, "from the module root")
	}
	loadOnce.Do(func() { loaded, loadErr = source.Load(dir) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func TestDeterministic(t *testing.T) {
	d := testData(t)
	out := func(seed uint64) []byte {
		recs, _ := generate(d, seed, 200)
		var buf bytes.Buffer
		if err := writeRecords(&buf, recs); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a := out(5)
	if !bytes.Equal(a, out(5)) {
		t.Fatal("same seed, different bytes")
	}
	if bytes.Equal(a, out(6)) {
		t.Fatal("different seeds, same bytes")
	}
}

// TestJaccardBound checks every pair of records from different groups:
// originals, and copies against other groups' originals, stay below 0.5
// Jaccard, and no copy holds half of another group's original.
func TestJaccardBound(t *testing.T) {
	d := testData(t)
	recs, s := generate(d, 1, 400)
	if s.originals != 400 {
		t.Fatalf("%d originals, want 400", s.originals)
	}
	sets := make([][]uint64, len(recs))
	var origs []int
	for i, r := range recs {
		sets[i] = shingle.Set(r.Text, shingleSize)
		if r.Story != r.Dup {
			t.Fatalf("%s: story %q and dup %q differ", r.ID, r.Story, r.Dup)
		}
		if r.ID == r.Story {
			origs = append(origs, i)
		}
	}
	for _, i := range origs {
		for j, r := range recs {
			if r.Story == recs[i].Story {
				continue
			}
			if jac := shingle.Jaccard(sets[i], sets[j]); jac >= maxJaccard {
				t.Errorf("%s and %s of different groups: Jaccard %.2f", recs[i].ID, r.ID, jac)
			}
			if c := float64(shingle.Intersect(sets[i], sets[j])) / float64(len(sets[i])); r.ID != r.Story && c >= maxContain {
				t.Errorf("copy %s holds %.2f of %s, another group's original", r.ID, c, recs[i].ID)
			}
		}
	}
	if len(recs) <= len(origs) {
		t.Error("no copies")
	}
}

func TestPickSkipsNearDuplicates(t *testing.T) {
	text := "one two three four five six seven eight nine ten eleven twelve"
	cands := []*original{
		{id: "a", text: text},
		{id: "b", text: text + " thirteen"},
		{id: "c", text: "completely different words make up this other text here"},
	}
	picked, _, skipped := pick(cands, 0)
	if len(picked) != 2 || picked[0].id != "a" || picked[1].id != "c" || skipped != 1 {
		t.Errorf("picked %d (skipped %d), want a and c", len(picked), skipped)
	}
}
