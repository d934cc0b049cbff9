package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestNewLineStats(t *testing.T) {
	// Line 14 in 5 documents, 18 in 6, 6 in 4 (below MinDocs), 2 in one.
	hashes := []uint64{18, 14, 6, 18, 14, 2, 14, 18, 6, 14, 18, 6, 14, 18, 6, 18}
	// Template 21 (odd: templateBit) in 20 documents, 4·5; template 23 in 19.
	for range 19 {
		hashes = append(hashes, 21, 23)
	}
	hashes = append(hashes, 21)
	s := NewLineStats(hashes, 5, 4)
	if !slices.IsSorted(hashes) {
		t.Errorf("hashes not sorted in place: %v", hashes)
	}
	if s.Repeated() != 3 {
		t.Errorf("Repeated() = %d, want 3", s.Repeated())
	}
	for _, c := range []struct {
		h    uint64
		want uint32
	}{{14, 5}, {18, 6}, {6, 1}, {2, 1}, {42, 1}, {21, 20}, {23, 1}} {
		if got := s.count(c.h); got != c.want {
			t.Errorf("count(%d) = %d, want %d", c.h, got, c.want)
		}
	}
	if s.MinDocs != 5 || s.Ratio != 4 {
		t.Errorf("MinDocs, Ratio = %d, %v, want 5, 4", s.MinDocs, s.Ratio)
	}
	if got := NewLineStats(nil, 5, 4).Repeated(); got != 0 {
		t.Errorf("empty: Repeated() = %d, want 0", got)
	}
}

// evenEnds returns the line ends of n lines of one token each.
func evenEnds(n int) []uint32 {
	ends := make([]uint32, n)
	for i := range ends {
		ends[i] = uint32(i + 1)
	}
	return ends
}

// corpus builds the concatenated distinct line hashes of docs.
func corpus(docs [][]uint64) []uint64 {
	var all []uint64
	for _, d := range docs {
		all = append(all, d...)
	}
	return all
}

func TestLineStatsMark(t *testing.T) {
	const footer, wire1, wire2, wire3, rare = 1000, 2002, 2004, 2006, 3000
	var docs [][]uint64
	// Six documents with their own two lines and a shared footer.
	for i := range 6 {
		docs = append(docs, []uint64{uint64(10 + 2*i), uint64(11 + 2*i), footer})
	}
	// A wire story of three lines reprinted ten times.
	for range 10 {
		docs = append(docs, []uint64{wire1, wire2, wire3})
	}
	// A line in four documents, one short of MinDocs.
	for i := range 4 {
		docs = append(docs, []uint64{uint64(100 + 3*i), uint64(101 + 3*i), uint64(102 + 3*i), rare})
	}
	s := NewLineStats(corpus(docs), DefaultMinDocs, DefaultRatio)
	if s.Repeated() != 4 {
		t.Fatalf("Repeated() = %d, want 4 (footer and three wire lines)", s.Repeated())
	}
	tests := []struct {
		name  string
		lines []uint64
		want  []bool
	}{
		// counts 1, 1, 6: median 1, 6 >= 5 and 6 >= 4·1.
		{"footer in a document of unique lines", docs[0], []bool{false, false, true}},
		{"footer first", []uint64{footer, 10, 11}, []bool{true, false, false}},
		// counts 10, 10, 10: median 10, 10 < 4·10.
		{"wire story lines all recur", docs[6], []bool{false, false, false}},
		// counts 1, 10, 10, 10: the median is 10, so a local line added to
		// a reprinted wire story does not make the story boilerplate.
		{"wire story with one local line", []uint64{600, wire1, wire2, wire3}, []bool{false, false, false, false}},
		// counts 1, 1, 1, 4: 4 < MinDocs.
		{"line below MinDocs", docs[16], []bool{false, false, false, false}},
		// counts 1, 1, 1, 10: median 1.
		{"one wire line in a document of unique lines", []uint64{500, 501, 502, wire1}, []bool{false, false, false, true}},
		// counts 10, 10, 10, 6: median 10, 6 < 40.
		{"footer under a wire story", []uint64{wire1, wire2, wire3, footer}, []bool{false, false, false, false}},
		{"unknown lines", []uint64{7777, 8888}, []bool{false, false}},
		{"empty document", nil, []bool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Mark(nil, tt.lines, evenEnds(len(tt.lines))); !slices.Equal(got, tt.want) {
				t.Errorf("Mark(%v) = %v, want %v", tt.lines, got, tt.want)
			}
		})
	}
}

// TestLineStatsMarkBodyLines checks that the typical count is that of the
// body lines (BodyLineTokens tokens or more) when a document has any.
func TestLineStatsMarkBodyLines(t *testing.T) {
	const header, dateline, follow, tip, disclaimer, wire1, wire2, wire3 = 1002, 1004, 1006, 1008, 1010, 1012, 1014, 1016
	var all []uint64
	for i := range 20 {
		all = append(all, uint64(2*i+2), header, dateline, follow, tip, disclaimer, wire1, wire2, wire3)
	}
	s := NewLineStats(all, DefaultMinDocs, DefaultRatio)
	tests := []struct {
		name  string
		lines []uint64
		ends  []uint32
		want  []bool
	}{
		// Counts 20, 20, 1, 20, 20: the median line is furniture, but the
		// only body line (40 tokens) recurs once.
		{"short article wrapped in furniture", []uint64{header, dateline, 7000, follow, tip},
			[]uint32{3, 6, 46, 49, 52}, []bool{true, true, false, true, true}},
		// The same lines of one token each: no body line, the median line
		// is furniture, and nothing is dropped.
		{"furniture as long as the text", []uint64{header, dateline, 7000, follow, tip},
			evenEnds(5), []bool{false, false, false, false, false}},
		// A long standing paragraph under four body lines of its own: the
		// median body line recurs once.
		{"long disclaimer in a short article", []uint64{7000, 7002, 7004, 7006, disclaimer},
			[]uint32{20, 40, 60, 80, 200}, []bool{false, false, false, false, true}},
		// A wire story reprinted with a long paragraph of its own: the
		// median body line is the wire's, 20 < 4·20.
		{"wire story with a long local paragraph", []uint64{7000, wire1, wire2, wire3},
			[]uint32{200, 225, 250, 275}, []bool{false, false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Mark(nil, tt.lines, tt.ends); !slices.Equal(got, tt.want) {
				t.Errorf("Mark(%v, %v) = %v, want %v", tt.lines, tt.ends, got, tt.want)
			}
		})
	}
}

func TestLineStatsMarkReusesDst(t *testing.T) {
	const footer = 1000
	var all []uint64
	for i := range 5 {
		all = append(all, uint64(i+1), footer)
	}
	s := NewLineStats(all, 5, 4)
	dst := []bool{true, true, true, true, true, true, true, true}
	got := s.Mark(dst, []uint64{footer, 1, 2}, evenEnds(3))
	if want := []bool{true, false, false}; !slices.Equal(got, want) {
		t.Errorf("Mark = %v, want %v", got, want)
	}
	if &got[0] != &dst[0] {
		t.Error("Mark allocated although dst was long enough")
	}
	// Stale values past the document are cleared, not carried over.
	got = s.Mark(dst, []uint64{1, 2}, evenEnds(2))
	if want := []bool{false, false}; !slices.Equal(got, want) {
		t.Errorf("Mark = %v, want %v", got, want)
	}
	lines, ends := []uint64{footer, 1, 2, 3}, evenEnds(4)
	if allocs := testing.AllocsPerRun(100, func() { s.Mark(dst, lines, ends) }); allocs != 0 {
		t.Errorf("Mark with a long enough dst: %v allocations, want 0", allocs)
	}
}

func TestLineStatsMarkEmpty(t *testing.T) {
	empty := NewLineStats(nil, DefaultMinDocs, DefaultRatio)
	if got := empty.Mark(nil, nil, nil); len(got) != 0 {
		t.Errorf("Mark(nil, nil) = %v, want empty", got)
	}
	// No repeated lines: every line is kept, and dst is cleared.
	got := empty.Mark([]bool{true, true, true}, []uint64{1, 2}, evenEnds(2))
	if want := []bool{false, false}; !slices.Equal(got, want) {
		t.Errorf("Mark on empty stats = %v, want %v", got, want)
	}
}

// TestMarkAnalysedDocuments runs Analyze, NewLineStats and Mark together on
// documents of unique reporting: a footer that names one of many publishers
// recurs by its template and is dropped, while formulaic lines of reporting
// (in the middle of an article, or a lead or headline that begins alike in a
// handful of articles) are kept.
func TestMarkAnalysedDocuments(t *testing.T) {
	word := func(i int) string { // a word of its own for each i below 676
		return "q" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + "x"
	}
	body := func(i int) string { // a long line of reporting, unique to i
		return strings.Repeat("Reporters in "+word(i)+" filed "+word(i+400)+" stories. ", 4)
	}
	// Eight publishers, three articles each: no footer recurs word for
	// word in MinDocs documents, but their template recurs in all 24.
	pubs := []string{"Acme News", "KSDK", "The Bravo Times", "Delta Post", "Echo Daily", "WXYZ", "Foxtrot Herald", "Golf Courier"}
	type doc struct {
		kind string
		text string
		line int // the line under test
	}
	var docs []doc
	for i := range 24 {
		docs = append(docs, doc{"publisher footer", body(i) + "\nFollow " + pubs[i%len(pubs)] + " on Twitter and Facebook.", 1})
		// As many market lines as footers: only their place keeps them.
		docs = append(docs, doc{"market line mid-article", body(100+i) + fmt.Sprintf("\nThe Dow fell %d points to %d.\n", 100+i, 33000+i) + body(200+i), 1})
	}
	for i := range 6 {
		docs = append(docs, doc{"short lead", fmt.Sprintf("At least %d people were killed.\n", 10+i) + body(300+i), 0})
		docs = append(docs, doc{"headline", "Microsoft " + []string{"Patches", "Issues", "Releases", "Rushes", "Fixes", "Ships"}[i] + " IE Fix\n" + body(500+i), 0})
	}
	a := NewAnalyzer(NewVocabulary(), "en")
	results := make([]Result, len(docs))
	var all []uint64
	for i, d := range docs {
		a.Analyze(&results[i], "", d.text, "en")
		hs := slices.Clone(results[i].LineHashes)
		slices.Sort(hs)
		all = append(all, slices.Compact(hs)...)
	}
	s := NewLineStats(all, DefaultMinDocs, DefaultRatio)
	for i, d := range docs {
		r := &results[i]
		got := s.Mark(nil, r.LineHashes, r.LineEnds)[d.line]
		if want := d.kind == "publisher footer"; got != want {
			t.Errorf("%s (document %d): dropped %v, want %v", d.kind, i, got, want)
		}
	}
}

func TestLineStatsRecurs(t *testing.T) {
	// Line 2 in 5 documents, line 4 in 4, template 7 in 5 (below 4·5).
	var all []uint64
	for i := range 5 {
		all = append(all, 2, 7)
		if i < 4 {
			all = append(all, 4)
		}
	}
	s := NewLineStats(all, 5, 4)
	for _, c := range []struct {
		h    uint64
		want bool
	}{{2, true}, {4, false}, {7, false}, {9, false}} {
		if got := s.Recurs(c.h); got != c.want {
			t.Errorf("Recurs(%d) = %v, want %v", c.h, got, c.want)
		}
	}
}
