package pipeline

import (
	"context"
	"testing"
)

// TestCandidatePairs checks that the syndicated copies of a seed article are
// candidates kept by verification, and that every kept candidate is a
// near-duplicate pair of the report, as Run finds them.
func TestCandidatePairs(t *testing.T) {
	orig := readSeed(t, "000_0317e381cca1c053")
	recs := []map[string]string{
		{"id": "original", "text": orig},
		{"id": "other-call", "text": readSeed(t, "002_8a9465579368dbc4")},
	}
	for name, text := range syndicatedCopies(orig) {
		recs = append(recs, map[string]string{"id": name, "text": text})
	}
	path := writeJSONL(t, t.TempDir(), recs)
	c, err := CandidatePairs(context.Background(), DefaultConfig(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.IDs) != len(recs) || len(c.Accepted) != len(c.Pairs) {
		t.Fatalf("%d ids, %d pairs, %d accepted flags; want %d ids and a flag a pair", len(c.IDs), len(c.Pairs), len(c.Accepted), len(recs))
	}
	group := map[string]int{} // document → its near-duplicate group in the report, from 1
	for g, dg := range run(t, DefaultConfig(), path).NearDuplicates {
		for _, m := range dg.Members {
			group[m.ID] = g + 1
		}
	}
	kept := map[string]bool{}
	for i, p := range c.Pairs {
		if c.Accepted[i] {
			a, b := c.IDs[p.A], c.IDs[p.B]
			kept[a], kept[b] = true, true
			if group[a] == 0 || group[a] != group[b] {
				t.Errorf("kept pair %s, %s is not in one near-duplicate group of the report (%d, %d)", a, b, group[a], group[b])
			}
		}
	}
	for _, id := range []string{"original", "header-footer", "truncated", "edited"} {
		if !kept[id] {
			t.Errorf("%s is in no kept candidate pair", id)
		}
	}
	if kept["other-call"] {
		t.Error("the other call was kept as a near-duplicate")
	}
}
