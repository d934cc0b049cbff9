package analysis

import (
	"slices"
	"sync"
	"testing"
)

func TestHashString(t *testing.T) {
	// FNV-1a 64 reference values (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"b", 0xaf63df4c8601f1a5},
		{"foobar", 0x85944171f73967e8},
	}
	for _, tt := range tests {
		if got := HashString(tt.in); got != tt.want {
			t.Errorf("HashString(%q) = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

func TestVocabularyIntern(t *testing.T) {
	v := NewVocabulary()
	if v.Len() != 0 {
		t.Fatalf("new vocabulary has %d terms", v.Len())
	}
	steps := []struct {
		stem, word string
		id         uint32
	}{
		{"run", "running", 0},
		{"dog", "dogs", 1},
		{"run", "run", 0},
		{"apple", "apples", 2},
		{"dog", "dogs", 1},
		{"run", "runs", 0},
	}
	for _, s := range steps {
		id, hash := v.Intern(s.stem, s.word)
		if id != s.id || hash != HashString(s.stem) {
			t.Errorf("Intern(%q, %q) = %d, %#x, want %d, %#x", s.stem, s.word, id, hash, s.id, HashString(s.stem))
		}
	}
	if v.Len() != 3 {
		t.Errorf("Len() = %d, want 3", v.Len())
	}
	for id, want := range []string{"run", "dog", "apple"} {
		if got := v.Term(uint32(id)); got != want {
			t.Errorf("Term(%d) = %q, want %q", id, got, want)
		}
	}
	// The lexically smallest surface form, whatever the order of sight.
	for id, want := range []string{"run", "dogs", "apples"} {
		if got := v.Surface(uint32(id)); got != want {
			t.Errorf("Surface(%d) = %q, want %q", id, got, want)
		}
	}
	if id, ok := v.Lookup("dog"); !ok || id != 1 {
		t.Errorf("Lookup(dog) = %d, %v, want 1, true", id, ok)
	}
	if _, ok := v.Lookup("cat"); ok {
		t.Error("Lookup(cat) found an unknown stem")
	}
	want := []uint64{HashString("run"), HashString("dog"), HashString("apple")}
	if got := v.Hashes(); !slices.Equal(got, want) {
		t.Errorf("Hashes() = %#x, want %#x", got, want)
	}
	// Ranks is the lexical order: apple < dog < run.
	if got := v.Ranks(); !slices.Equal(got, []uint32{2, 1, 0}) {
		t.Errorf("Ranks() = %v, want [2 1 0]", got)
	}
}

func TestVocabularyRanks(t *testing.T) {
	tests := []struct {
		stems []string
		want  []uint32
	}{
		{nil, []uint32{}},
		{[]string{"b"}, []uint32{0}},
		{[]string{"b", "a", "c"}, []uint32{1, 0, 2}},
		{[]string{"zeta", "Zeta", "alpha", "alph", "é", "e"}, []uint32{4, 0, 2, 1, 5, 3}},
	}
	for _, tt := range tests {
		v := NewVocabulary()
		for _, s := range tt.stems {
			v.Intern(s, s)
		}
		if got := v.Ranks(); !slices.Equal(got, tt.want) {
			t.Errorf("Ranks() of %q = %v, want %v", tt.stems, got, tt.want)
		}
	}
}

func TestVocabularyTermPanics(t *testing.T) {
	v := NewVocabulary()
	v.Intern("a", "a")
	defer func() {
		if recover() == nil {
			t.Error("Term(1) on a vocabulary of one term did not panic")
		}
	}()
	v.Term(1)
}

// TestVocabularyConcurrent interns from several goroutines; every stem gets
// one id, and ids are dense. Run with -race to check the locking.
func TestVocabularyConcurrent(t *testing.T) {
	v := NewVocabulary()
	stems := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	ids := make([][]uint32, 4)
	var wg sync.WaitGroup
	for g := range ids {
		wg.Go(func() {
			for range 50 {
				for _, s := range stems {
					id, _ := v.Intern(s, s)
					ids[g] = append(ids[g], id)
				}
			}
		})
	}
	wg.Wait()
	if v.Len() != len(stems) {
		t.Fatalf("Len() = %d, want %d", v.Len(), len(stems))
	}
	for g := range ids {
		for k, id := range ids[g] {
			if s := stems[k%len(stems)]; v.Term(id) != s {
				t.Fatalf("goroutine %d got id %d for %q, which is %q", g, id, s, v.Term(id))
			}
		}
	}
}
