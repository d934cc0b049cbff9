package shingle

import (
	"math"
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	got := Words("Élan, the U.S. team's 2-1 WIN!")
	want := []string{"élan", "the", "u", "s", "team", "s", "2", "1", "win"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestSet(t *testing.T) {
	if got := len(Set("a b c d e f g", 5)); got != 3 {
		t.Errorf("7 words give %d 5-shingles, want 3", got)
	}
	if got := len(Set("a b c", 5)); got != 1 {
		t.Errorf("3 words give %d shingles, want 1", got)
	}
	if Set("", 5) != nil || Set(" ,. ", 5) != nil {
		t.Error("a text without words has shingles")
	}
	if !slices.Equal(Set("A b C d E", 5), Set("a, B. c d e!", 5)) {
		t.Error("case or punctuation changes the shingles")
	}
	if got := len(Set("a b c d e a b c d e", 5)); got != 5 {
		t.Errorf("repeated text gives %d distinct shingles, want 5", got)
	}
}

func TestJaccard(t *testing.T) {
	a := Set("one two three four five six seven eight", 5) // 4 shingles
	b := Set("one two three four five six seven nine", 5)  // 3 shared, 1 not
	if got, want := Jaccard(a, b), 3.0/5; math.Abs(got-want) > 1e-9 {
		t.Errorf("Jaccard = %v, want %v", got, want)
	}
	if Jaccard(a, a) != 1 || Jaccard(nil, nil) != 0 {
		t.Error("Jaccard of a set with itself is not 1, or of empty sets not 0")
	}
}
