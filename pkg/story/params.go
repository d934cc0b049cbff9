package story

import "math"

// Params controls story clustering.
type Params struct {
	Threshold  float64 // merge clusters while their average similarity is at least this
	Floor      float64 // keep a candidate edge only at or above this similarity
	IndexTerms int     // post each item under this many of its heaviest terms
	Reach      int     // in each posting list (in time order), an item meets this many items on either side of it (0: all)
	Neighbors  int     // keep at most this many strongest edges from an item to later items (0: all)
	Window     int64   // seconds: items further apart in time than this are penalised
	Decay      int64   // seconds: beyond Window, similarity halves every Decay
	Workers    int     // goroutines building the graph
}

// DefaultParams returns the default clustering parameters.
func DefaultParams() Params {
	return Params{
		Threshold:  0.26,
		Floor:      0.1,
		IndexTerms: 6,
		Reach:      50,
		Neighbors:  10,
		Window:     3 * 86400,
		Decay:      2 * 86400,
		Workers:    1,
	}
}

// timeFactor scales the similarity of two items published at a and b (Unix
// seconds, 0 when unknown): 1 within Window, halving every Decay beyond it.
func (p Params) timeFactor(a, b int64) float64 {
	if a == 0 || b == 0 || p.Decay <= 0 {
		return 1
	}
	return p.gapFactor(max(a-b, b-a))
}

// gapFactor scales a similarity for a time gap of d seconds: 1 up to Window,
// halving every Decay beyond it.
func (p Params) gapFactor(d int64) float64 {
	if p.Decay <= 0 || d <= p.Window {
		return 1
	}
	return math.Exp2(-float64(d-p.Window) / float64(p.Decay))
}
