package vector

import (
	"slices"
	"testing"
)

func vec(terms []uint32, weights []float32) Vector {
	return Vector{Terms: terms, Weights: weights}
}

func TestDot(t *testing.T) {
	a := vec([]uint32{1, 3, 5}, []float32{1, 2, 3})
	b := vec([]uint32{3, 5, 7}, []float32{4, 5, 6})
	tests := []struct {
		name string
		a, b Vector
		want float64
	}{
		{"overlap on two terms", a, b, 2*4 + 3*5},
		{"with itself", a, a, 1 + 4 + 9},
		{"disjoint", a, vec([]uint32{0, 2, 4, 6}, []float32{1, 1, 1, 1}), 0},
		{"empty", a, Vector{}, 0},
		{"both empty", Vector{}, Vector{}, 0},
		{"one term at each end", vec([]uint32{0, 9}, []float32{0.5, 2}), vec([]uint32{9}, []float32{0.25}), 0.5},
		{"negative weights", vec([]uint32{2}, []float32{-1.5}), vec([]uint32{2}, []float32{2}), -3},
		{"float32 products summed in float64", vec([]uint32{1, 2}, []float32{0.1, 0.1}), vec([]uint32{1, 2}, []float32{0.1, 0.1}),
			2 * float64(float32(0.1)) * float64(float32(0.1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Dot(tt.a, tt.b); got != tt.want {
				t.Errorf("Dot(a, b) = %v, want %v", got, tt.want)
			}
			if got := Dot(tt.b, tt.a); got != tt.want {
				t.Errorf("Dot(b, a) = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDotDoesNotAllocate(t *testing.T) {
	a := vec([]uint32{1, 3, 5, 8}, []float32{1, 2, 3, 4})
	b := vec([]uint32{3, 5, 7, 8}, []float32{4, 5, 6, 7})
	var sink float64
	if allocs := testing.AllocsPerRun(100, func() { sink += Dot(a, b) }); allocs != 0 {
		t.Errorf("Dot: %v allocations, want 0", allocs)
	}
	_ = sink
}

func TestVectorLen(t *testing.T) {
	if n := (Vector{}).Len(); n != 0 {
		t.Errorf("empty Len() = %d", n)
	}
	if n := vec([]uint32{4, 9}, []float32{1, 1}).Len(); n != 2 {
		t.Errorf("Len() = %d, want 2", n)
	}
}

func TestRows(t *testing.T) {
	vs := []Vector{
		vec([]uint32{1, 4}, []float32{0.6, 0.8}),
		{},
		vec([]uint32{0, 2, 7}, []float32{0.5, 0.5, 0.7}),
	}
	var r Rows
	if r.Len() != 0 {
		t.Fatalf("zero Rows has Len %d", r.Len())
	}
	for _, v := range vs {
		r.Append(v)
	}
	if r.Len() != 3 {
		t.Fatalf("Len() = %d, want 3", r.Len())
	}
	for i, want := range vs {
		got := r.Row(i)
		if !slices.Equal(got.Terms, want.Terms) || !slices.Equal(got.Weights, want.Weights) {
			t.Errorf("Row(%d) = %v, want %v", i, got, want)
		}
	}
	// Append copies: changing the source leaves the row alone.
	vs[0].Terms[0], vs[0].Weights[0] = 99, 99
	if got := r.Row(0); got.Terms[0] != 1 || got.Weights[0] != 0.6 {
		t.Errorf("Row(0) changed with its source: %v", got)
	}
	// Appending to a row must not overwrite the next row in the arena.
	row0 := r.Row(0)
	_ = append(row0.Terms, 1000)
	_ = append(row0.Weights, 1000)
	if got := r.Row(1); got.Len() != 0 {
		t.Errorf("Row(1) = %v after appending to Row(0)", got)
	}
	if got := r.Row(2); got.Terms[0] != 0 || got.Weights[0] != 0.5 {
		t.Errorf("Row(2) = %v after appending to Row(0)", got)
	}
}

func TestRowsSet(t *testing.T) {
	var r Rows
	r.Set(0, vec([]uint32{3}, []float32{1}))
	r.Set(1, vec([]uint32{4, 5}, []float32{0.6, 0.8}))
	if r.Len() != 2 || r.Row(1).Terms[1] != 5 {
		t.Fatalf("after two Sets: Len %d, Row(1) %v", r.Len(), r.Row(1))
	}
	for _, i := range []int{0, 1, 3, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Set(%d) on %d rows did not panic", i, r.Len())
				}
			}()
			r.Set(i, vec([]uint32{1}, []float32{1}))
		}()
	}
	if r.Len() != 2 {
		t.Errorf("a refused Set changed Len to %d", r.Len())
	}
}

func TestRowsRowOutOfRangePanics(t *testing.T) {
	var r Rows
	r.Append(vec([]uint32{1}, []float32{1}))
	for _, i := range []int{1, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Row(%d) of one row did not panic", i)
				}
			}()
			r.Row(i)
		}()
	}
}

func TestRowsGrow(t *testing.T) {
	var r Rows
	r.Append(Vector{Terms: []uint32{1}, Weights: []float32{1}})
	r.Grow(3, 5)
	terms := &r.terms[:cap(r.terms)][0]
	r.Append(Vector{Terms: []uint32{2, 3}, Weights: []float32{0.5, 0.5}})
	r.Append(Vector{Terms: []uint32{4, 5, 6}, Weights: []float32{0.1, 0.2, 0.3}})
	if &r.terms[0] != terms {
		t.Error("appends within the room made by Grow reallocated")
	}
	if r.Len() != 3 || r.Row(2).Terms[2] != 6 || r.Row(0).Terms[0] != 1 {
		t.Errorf("rows after Grow: %d rows, %v, %v", r.Len(), r.Row(0), r.Row(2))
	}
}
