package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestDropBoilerplate runs ingest and dropBoilerplate on articles of unique
// reporting, each with a formulaic line in its middle and a footer that
// names one of eight publishers: the footers recur by their template and are
// dropped, the formulaic lines are kept, on one worker or two alike.
func TestDropBoilerplate(t *testing.T) {
	word := func(i int) string { // a word of its own for each i
		return "q" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + "x"
	}
	body := func(i int) string { // a long line of reporting, unique to i
		return strings.Repeat("Reporters in "+word(i)+" filed "+word(i+400)+" stories. ", 4)
	}
	// Eight publishers, three articles each: no footer recurs word for
	// word in MinDocs documents, but their template recurs in all 24.
	pubs := []string{"Acme News", "KSDK", "The Bravo Times", "Delta Post", "Echo Daily", "WXYZ", "Foxtrot Herald", "Golf Courier"}
	var recs []map[string]string
	const n = 24
	for i := range n {
		text := body(i) + fmt.Sprintf("\nThe Dow fell %d points to %d.\n", 100+i, 33000+i) + body(100+i) +
			"\nFollow " + pubs[i%len(pubs)] + " on Twitter and Facebook."
		recs = append(recs, map[string]string{"id": fmt.Sprint(i), "text": text})
	}
	path := writeJSONL(t, t.TempDir(), recs)
	for _, workers := range []int{1, 2} {
		cfg := DefaultConfig()
		cfg.Workers = workers
		ctx := context.Background()
		cd, err := ingest(ctx, &cfg, []string{path})
		if err != nil {
			t.Fatal(err)
		}
		removed, err := dropBoilerplate(ctx, &cfg, cd)
		if err != nil {
			t.Fatal(err)
		}
		if removed != n {
			t.Errorf("workers %d: %d lines removed, want %d (the footers)", workers, removed, n)
		}
		twitter, ok1 := cd.vocab.Lookup("twitter")
		dow, ok2 := cd.vocab.Lookup("dow")
		if !ok1 || !ok2 {
			t.Fatalf("terms twitter, dow not in the vocabulary: %v, %v", ok1, ok2)
		}
		for i := range cd.docs {
			var terms []uint32
			for _, tok := range appendTokens(nil, cd.docs[i].tokens) {
				terms = append(terms, tok&^capBit)
			}
			if slices.Contains(terms, twitter) {
				t.Errorf("workers %d: document %d keeps its footer", workers, i)
			}
			if !slices.Contains(terms, dow) {
				t.Errorf("workers %d: document %d lost its market line", workers, i)
			}
		}
	}
}

// TestTokenEnds checks that line ends are counted in tokens whatever their
// packed widths: a term id past the escape takes three units.
func TestTokenEnds(t *testing.T) {
	lines := [][]uint32{{1, 2, 3}, {70000, 4}, {}, {5, 80000 | capBit, 90000}}
	var d doc
	var packedEnds []uint32
	for _, line := range lines {
		for _, tok := range line {
			d.tokens = appendPackedToken(d.tokens, tok)
		}
		packedEnds = append(packedEnds, uint32(len(d.tokens)))
	}
	d.lineEnds = packedEnds
	got := tokenEnds(nil, &d)
	if want := []uint32{3, 5, 5, 8}; !slices.Equal(got, want) {
		t.Errorf("tokenEnds = %v, want %v (packed ends %v)", got, want, packedEnds)
	}
}
