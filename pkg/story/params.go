package story

import "math"

func sqrt(x float64) float64 { return math.Sqrt(x) }

// Params controls story clustering.
type Params struct {
	Threshold  float64 // merge clusters while their average similarity is at least this
	Floor      float64 // keep a candidate edge only at or above this similarity
	IndexTerms int     // post each item under this many of its heaviest terms
	MaxPosting int     // cap on the items posted under one term
	Window     int64   // seconds: items further apart in time than this are penalised
	Decay      int64   // seconds: beyond Window, similarity halves every Decay
	Workers    int     // goroutines building the graph

	// Unknown scales the similarity of a pair when either publication time
	// is unknown: such articles may be years apart.
	Unknown float64
	// Two clusters that each hold at least BurstMin timed items form bursts;
	// they are not merged when the gap between them is more than BurstGap
	// times the longer burst (or BurstFloor seconds, if longer).
	BurstMin   int
	BurstGap   float64
	BurstFloor int64

	// CentroidThreshold, if positive, runs a second stage that merges
	// clusters whose unit centroids (pruned to CentroidTerms terms) have at
	// least this cosine.
	CentroidThreshold float64
	CentroidTerms     int
}

// DefaultParams returns the default clustering parameters.
func DefaultParams() Params {
	return Params{
		Threshold:  0.20,
		Floor:      0.05,
		IndexTerms: 12,
		MaxPosting: 2000,
		Window:     3 * 86400,
		Decay:      2 * 86400,
		Workers:    1,
	}
}

// timeFactor scales the similarity of two items published at a and b (Unix
// seconds, 0 when unknown): 1 within Window, halving every Decay beyond it.
func (p Params) timeFactor(a, b int64) float64 {
	if a == 0 || b == 0 {
		if p.Unknown > 0 {
			return p.Unknown
		}
		return 1
	}
	if p.Decay <= 0 {
		return 1
	}
	d := a - b
	if d < 0 {
		d = -d
	}
	if d <= p.Window {
		return 1
	}
	return math.Exp2(-float64(d-p.Window) / float64(p.Decay))
}
