package shingle

// Union-find (disjoint sets) over dense document numbers 0 … n-1, with union
// by size and path halving (each Find points every other node on its path at
// its grandparent), so any sequence of operations runs in near-linear time.
// Parents and sizes are int32, 8 bytes per document. Groups lists the
// components of two or more documents by scanning the documents in order
// (once to number the groups by first member, once to fill them), so each
// group comes out sorted and the groups ordered by their smallest member,
// whatever the order of the unions.

// UnionFind partitions the documents 0 … n-1 into groups. It is not safe for
// concurrent use.
type UnionFind struct {
	parent []int32
	size   []int32
}

// NewUnionFind returns n singleton groups. It allocates 8n bytes and panics if
// n < 0 or n > MaxInt32.
func NewUnionFind(n int) *UnionFind {
	if n < 0 || int64(n) > 1<<31-1 {
		panic("shingle: NewUnionFind with n out of [0, MaxInt32]")
	}
	u := &UnionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// Len returns the number of documents.
func (u *UnionFind) Len() int { return len(u.parent) }

// Find returns the representative of x's group. It panics if x is out of
// range.
func (u *UnionFind) Find(x int32) int32 {
	p := u.parent
	for p[x] != x {
		p[x] = p[p[x]]
		x = p[x]
	}
	return x
}

// Union merges the groups of x and y and reports whether they were distinct.
// It panics if x or y is out of range.
func (u *UnionFind) Union(x, y int32) bool {
	x, y = u.Find(x), u.Find(y)
	if x == y {
		return false
	}
	if u.size[x] < u.size[y] {
		x, y = y, x
	}
	u.parent[y] = x
	u.size[x] += u.size[y]
	return true
}

// Size returns the number of documents in x's group. It panics if x is out
// of range.
func (u *UnionFind) Size(x int32) int { return int(u.size[u.Find(x)]) }

// Groups returns the groups of two or more documents, each sorted in
// increasing order, ordered by their smallest member. The groups share one
// backing array; Groups allocates it and the outer slice, and uses 4n bytes
// of scratch.
func (u *UnionFind) Groups() [][]int32 {
	n := len(u.parent)
	slot := make([]int32, n) // root → 1 + group index, 0 if none
	var roots []int32
	total := 0
	for x := range n {
		r := u.Find(int32(x))
		if u.size[r] >= 2 && slot[r] == 0 {
			roots = append(roots, r)
			slot[r] = int32(len(roots))
			total += int(u.size[r])
		}
	}
	groups := make([][]int32, len(roots))
	backing := make([]int32, total)
	off := 0
	for g, r := range roots {
		end := off + int(u.size[r])
		groups[g] = backing[off:off:end]
		off = end
	}
	for x := range n {
		if g := slot[u.Find(int32(x))]; g != 0 {
			groups[g-1] = append(groups[g-1], int32(x))
		}
	}
	return groups
}
