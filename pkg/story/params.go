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

	// TimeEvidence is the exponent κ of the boost that pairs close in time
	// get when the batch shows that its stories are tight in time
	// (timescale.go); 0, negative, NaN or +Inf turns the measurement off.
	TimeEvidence float64

	// Cohesion, when positive, keeps apart two clusters of two or more items
	// each unless their average similarity, time-scaled, is at least
	// Cohesion times the lower of their internal average plain cosines
	// (cohesion.go). 0, negative or NaN turns the rule off; +Inf keeps every
	// two such clusters apart.
	Cohesion float64

	scale TimeScale // the batch's time scale, set by Cluster
}

// DefaultParams returns the default clustering parameters.
func DefaultParams() Params {
	return Params{
		Threshold:  0.30,
		Floor:      0.1,
		IndexTerms: 6,
		Reach:      50,
		Neighbors:  10,
		Window:     3 * 86400,
		Decay:      2 * 86400,
		Workers:    1,

		TimeEvidence: 0.5,
		Cohesion:     0.7,
	}
}

// timeFactor scales the similarity of two items published at a and b (Unix
// seconds, 0 when unknown) as gapFactor does.
func (p Params) timeFactor(a, b int64) float64 {
	if a == 0 || b == 0 {
		return 1
	}
	return p.gapFactor(max(a-b, b-a))
}

// gapFactor scales a similarity for a time gap of d seconds: the larger of
// FixedFactor and, when the batch's time scale gives a boost, the boost up to
// its window, halving every window beyond.
func (p Params) gapFactor(d int64) float64 {
	f := p.FixedFactor(d)
	if s := &p.scale; s.Boost > 1 {
		g := s.Boost
		if d > s.Window {
			g *= math.Exp2(-float64(d-s.Window) / float64(s.Window))
		}
		f = max(f, g)
	}
	return f
}

// FixedFactor returns the factor that scales a similarity for a time gap of
// d seconds, without the batch's measured time scale: 1 up to Window,
// halving every Decay beyond it (never, if Decay ≤ 0).
func (p Params) FixedFactor(d int64) float64 {
	if p.Decay <= 0 || d <= p.Window {
		return 1
	}
	return math.Exp2(-float64(d-p.Window) / float64(p.Decay))
}
