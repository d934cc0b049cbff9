package shingle

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestUnionFind(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		unions [][2]int32
		want   [][]int32
	}{
		{"none", 4, nil, nil},
		{"empty", 0, nil, nil},
		{"self", 3, [][2]int32{{1, 1}}, nil},
		{"pair", 3, [][2]int32{{2, 0}}, [][]int32{{0, 2}}},
		{"chain", 6, [][2]int32{{5, 4}, {4, 3}, {1, 3}}, [][]int32{{1, 3, 4, 5}}},
		{"two groups ordered by smallest", 8, [][2]int32{{7, 6}, {6, 5}, {3, 1}, {4, 1}, {0, 7}},
			[][]int32{{0, 5, 6, 7}, {1, 3, 4}}},
		{"repeats", 5, [][2]int32{{0, 1}, {1, 0}, {0, 1}, {3, 4}, {4, 3}}, [][]int32{{0, 1}, {3, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := NewUnionFind(tt.n)
			for _, p := range tt.unions {
				u.Union(p[0], p[1])
			}
			if got := u.Groups(); !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("Groups() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnionFindMethods(t *testing.T) {
	u := NewUnionFind(5)
	if !u.Union(0, 1) || !u.Union(2, 1) || u.Union(0, 2) {
		t.Error("Union did not report merges correctly")
	}
	if u.Find(0) != u.Find(2) || u.Find(0) == u.Find(3) {
		t.Error("Find disagrees with the unions")
	}
	if u.Size(2) != 3 || u.Size(4) != 1 || u.Len() != 5 {
		t.Errorf("Size(2), Size(4), Len = %d, %d, %d, want 3, 1, 5", u.Size(2), u.Size(4), u.Len())
	}
	for _, n := range []int{-1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewUnionFind(%d) did not panic", n)
				}
			}()
			NewUnionFind(n)
		}()
	}
}

// TestUnionFindRandom compares Groups with a naive labelling after many
// random unions, and checks that the result does not depend on their order.
func TestUnionFindRandom(t *testing.T) {
	const n = 2000
	r := rand.New(rand.NewPCG(5, 6))
	var unions [][2]int32
	for range 1500 {
		unions = append(unions, [2]int32{int32(r.IntN(n)), int32(r.IntN(n))})
	}
	label := make([]int, n) // naive: relabel on every union
	for i := range label {
		label[i] = i
	}
	for _, p := range unions {
		from, to := label[p[0]], label[p[1]]
		for i := range label {
			if label[i] == from {
				label[i] = to
			}
		}
	}
	members := make(map[int][]int32)
	for i, l := range label {
		members[l] = append(members[l], int32(i))
	}
	var want [][]int32
	for _, m := range members {
		if len(m) >= 2 {
			want = append(want, m)
		}
	}
	slices.SortFunc(want, func(a, b []int32) int { return int(a[0]) - int(b[0]) })
	for trial := range 3 {
		u := NewUnionFind(n)
		for _, p := range unions {
			u.Union(p[0], p[1])
		}
		if got := u.Groups(); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("trial %d: Groups differ from the naive labelling", trial)
		}
		r.Shuffle(len(unions), func(i, j int) { unions[i], unions[j] = unions[j], unions[i] })
	}
}
