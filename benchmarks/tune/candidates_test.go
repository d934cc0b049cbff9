package main

import (
	"testing"

	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/shingle"
)

func TestCountCandidates(t *testing.T) {
	c := &pipeline.Candidates{
		IDs:      []string{"a1", "a2", "b1", "x"},
		Pairs:    []shingle.Pair{{A: 0, B: 1}, {A: 0, B: 2}, {A: 1, B: 2}, {A: 2, B: 3}, {A: 0, B: 1}},
		Accepted: []bool{true, false, true, true, false},
	}
	gold := map[string]string{"a1": "A", "a2": "A", "b1": "B"}
	got := countCandidates(c, gold)
	want := candidateCounts{docs: 4, sameKept: 1, sameRejected: 1, crossKept: 1, crossRejected: 1, unlabelled: 1}
	if got != want {
		t.Errorf("countCandidates = %+v, want %+v", got, want)
	}
}
