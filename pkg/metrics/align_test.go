// Tests of Align on small hand-made maps.

package metrics

import (
	"slices"
	"testing"
)

func TestAlign(t *testing.T) {
	for _, tc := range []struct {
		name                           string
		pred, gold                     map[string]string
		p, g, missingGold, missingPred []string
	}{
		{name: "both empty"},
		{
			name: "same ids",
			pred: map[string]string{"d3": "x", "d1": "y", "d2": "x"},
			gold: map[string]string{"d2": "A", "d3": "B", "d1": "A"},
			p:    []string{"y", "x", "x"}, // d1, d2, d3
			g:    []string{"A", "A", "B"},
		},
		{
			name:        "disjoint",
			pred:        map[string]string{"b": "x", "a": "x"},
			gold:        map[string]string{"d": "A", "c": "B"},
			missingGold: []string{"a", "b"},
			missingPred: []string{"c", "d"},
		},
		{
			name:        "overlap",
			pred:        map[string]string{"10": "x", "2": "y", "7": "x", "1": "z"},
			gold:        map[string]string{"2": "A", "7": "B", "3": "A", "10": "C"},
			p:           []string{"x", "y", "x"}, // "10" < "2" < "7" as strings
			g:           []string{"C", "A", "B"},
			missingGold: []string{"1"},
			missingPred: []string{"3"},
		},
		{
			name:        "gold only",
			gold:        map[string]string{"b": "A", "a": "A"},
			missingPred: []string{"a", "b"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, g, mg, mp := Align(tc.pred, tc.gold)
			for _, c := range []struct {
				what      string
				got, want []string
			}{
				{"p", p, tc.p}, {"g", g, tc.g},
				{"missingGold", mg, tc.missingGold}, {"missingPred", mp, tc.missingPred},
			} {
				if !slices.Equal(c.got, c.want) || (c.want == nil) != (c.got == nil) {
					t.Errorf("%s = %#v, want %#v", c.what, c.got, c.want)
				}
			}
		})
	}
}
