// Aligning labelings given by document id.
//
// The eval command reads predicted and gold labels as maps from document id
// to label. Align joins them on id and sorts the shared ids, so that the
// slices passed to Compare are deterministic, and reports the ids found on
// one side only so that the caller can decide whether they are an error.

package metrics

import (
	"maps"
	"slices"
)

// Align returns parallel label slices for the ids present in both maps, in
// sorted id order, and the sorted ids of pred missing from gold and of gold
// missing from pred. It never panics. It allocates the returned slices, each
// nil when empty, and a sorted copy of the ids of pred.
func Align(pred, gold map[string]string) (p, g []string, missingGold, missingPred []string) {
	for _, id := range slices.Sorted(maps.Keys(pred)) {
		label, ok := gold[id]
		if !ok {
			missingGold = append(missingGold, id)
			continue
		}
		p = append(p, pred[id])
		g = append(g, label)
	}
	for id := range gold {
		if _, ok := pred[id]; !ok {
			missingPred = append(missingPred, id)
		}
	}
	slices.Sort(missingPred)
	return p, g, missingGold, missingPred
}
