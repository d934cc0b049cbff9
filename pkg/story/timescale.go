package story

// Measuring how tight in time the batch's stories are. Articles of one story
// are published close together, but how close depends on the feed: a wire
// burst lasts minutes, a trial runs for weeks, and some feeds stamp a whole
// crawl with one time. A fixed window (Params.Window) must allow for weeks.
// When a batch shows that its stories are much tighter than that, pairs close
// in time can be trusted more, and the story stage measures whether it does.
//
// The measurement must not come from the candidate graph. Each posting list
// is walked only Reach items either side of an item, in time order, so on a
// large batch every candidate pair is close in time, one story or not (on a
// million generated articles, within four hours). Instead, pairs are drawn
// at random from whole posting lists: for each sampled item and each of its
// indexed terms, one other item holding that term, chosen by a hash of the
// item and the slot, so the sample is the same on every run and for any
// number of workers. Their exact cosines sort them into three kinds:
//
//   - confident pairs (cosine ≥ confidentSim), nearly always one story: W is
//     the confidentQuantile of their time gaps, and q the share within W;
//   - band pairs (cosine in [T/2, T), T the threshold): the pairs a boost
//     would decide, of which a share b falls within W;
//   - random pairs of the batch, of which a share ρ falls within W (counted
//     exactly from the sorted times).
//
// If band pairs of one story fall within W as often as confident pairs, and
// other band pairs as often as random ones, then of the band pairs within W
// a share P = q(b − ρ) / (b(q − ρ)) are one story. Only when P ≥ minPosterior
// do pairs within W get their similarity multiplied by B = (P/(1−P))^κ, κ =
// Params.TimeEvidence, less with the gap beyond W (halving every W), and
// never below the fixed time factor. Stories spread over days, as in most
// news, give P near 0.5 and no boost; headlines stamped at crawl time, each
// story within a minute, give P near 1.
//
// Gaps are counted in a histogram of four bins per doubling of seconds, so
// W is known to within a 19% step.

import (
	"math"
	"math/bits"
	"slices"

	"github.com/newsclust/newsclust/pkg/vector"
)

const (
	confidentSim      = 0.5    // a pair at or above this cosine is counted as one story
	confidentQuantile = 0.8    // W is this quantile of the confident pairs' gaps
	minConfident      = 50     // fewer timed confident pairs in the sample give no boost
	minPosterior      = 0.9    // a smaller share of one-story band pairs within W gives no boost
	maxPosterior      = 0.99   // P is capped here, so B is at most 99^κ
	sampleItems       = 20000  // at most about this many items are sampled
	gapBins           = 64 * 4 // four bins a doubling of seconds
)

// TimeScale is the time scale measured on a batch.
type TimeScale struct {
	Window    int64   // W: seconds within which confident pairs fall (0: not measured)
	Confident int     // timed confident pairs in the sample
	Posterior float64 // P: estimated share of one-story band pairs within W
	Boost     float64 // B: similarity factor within W (1: none)
}

// gapHist counts the time gaps of sampled pairs by kind.
type gapHist struct {
	confident, band [gapBins]int64
}

// gapBin returns the histogram bin of a gap of d ≥ 0 seconds: d itself below
// 4, then four bins a doubling.
func gapBin(d int64) int {
	if d < 4 {
		return int(d)
	}
	e := bits.Len64(uint64(d)) - 1 // 2^e ≤ d < 2^(e+1), e ≥ 2
	return 4*e - 4 + int(uint64(d)>>(e-2))&3
}

// binUpper returns the largest gap in seconds of bin b.
func binUpper(b int) int64 {
	if b < 4 {
		return int64(b)
	}
	e, frac := (b+4)/4, b%4
	return int64(5+frac)<<(e-2) - 1
}

// measureTimeScale samples pairs from the posting lists of idx and returns
// the batch's time scale for p's threshold and exponent. tops is as for
// buildIndex. It allocates the sorted known times of the batch and a dense
// vector of the term span for each worker.
func measureTimeScale(items *vector.Rows, times []int64, idx index, tops []int32, p Params) TimeScale {
	ts := TimeScale{Boost: 1}
	if p.TimeEvidence <= 0 {
		return ts
	}
	workers := max(1, p.Workers)
	hists := make([]gapHist, workers)
	n, stride := items.Len(), max(1, items.Len()/sampleItems)
	parallel(workers, workers, func(w int) {
		dense := make([]float64, len(idx.lists))
		for i := w * stride; i < n; i += workers * stride {
			samplePairs(&hists[w], dense, items, times, idx, tops, p, i)
		}
	})
	for w := 1; w < workers; w++ {
		hists[0].merge(&hists[w])
	}
	return hists[0].scale(sortedTimes(times), p)
}

// samplePairs adds to h, for each indexed term of item i, one other item of
// that term's posting list, if both have known times. dense is all zeros,
// one entry a term, and is left so; it holds i's weights meanwhile, so that
// each cosine is one pass over the other item's terms (as in edgesOf).
func samplePairs(h *gapHist, dense []float64, items *vector.Rows, times []int64, idx index, tops []int32, p Params, i int) {
	if times[i] == 0 {
		return
	}
	v := items.Row(i)
	for k, t := range v.Terms {
		dense[t] = float64(v.Weights[k])
	}
	defer func() {
		for _, t := range v.Terms {
			dense[t] = 0
		}
	}()
	for slot, k := range tops[i*p.IndexTerms : (i+1)*p.IndexTerms] {
		if k < 0 {
			break
		}
		list := idx.lists[v.Terms[k]]
		if len(list) < 2 {
			continue
		}
		// A position other than i's own, by a hash of (i, slot).
		r := int(mix(uint64(i*p.IndexTerms+slot)) % uint64(len(list)-1))
		if r >= int(idx.at[i*p.IndexTerms+slot]) {
			r++
		}
		j := list[r].item
		if times[j] == 0 {
			continue
		}
		h.add(max(times[i]-times[j], times[j]-times[i]), denseDot(dense, items.Row(int(j))), p.Threshold)
	}
}

// mix is the splitmix64 finaliser: a fixed, well-spread hash of x.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// add counts a pair of cosine cos, d seconds apart, for threshold t.
func (h *gapHist) add(d int64, cos, t float64) {
	switch k := gapBin(d); {
	case cos >= confidentSim:
		h.confident[k]++
	case cos >= t/2 && cos < t:
		h.band[k]++
	}
}

// merge adds the counts of o to h.
func (h *gapHist) merge(o *gapHist) {
	for k := range h.confident {
		h.confident[k] += o.confident[k]
		h.band[k] += o.band[k]
	}
}

// scale returns the time scale the counts of h show, given the batch's known
// times in increasing order.
func (h *gapHist) scale(sorted []int64, p Params) TimeScale {
	ts := TimeScale{Boost: 1}
	var confident, band int64
	for k := range h.confident {
		confident += h.confident[k]
		band += h.band[k]
	}
	ts.Confident = int(confident)
	if confident < minConfident || band == 0 {
		return ts
	}
	need := int64(math.Ceil(confidentQuantile * float64(confident)))
	var cw, bw int64
	for k := range h.confident {
		cw += h.confident[k]
		bw += h.band[k]
		if cw >= need {
			ts.Window = max(1, binUpper(k))
			break
		}
	}
	q, b, rho := float64(cw)/float64(confident), float64(bw)/float64(band), pairsWithin(sorted, ts.Window)
	if b <= rho || q <= rho {
		return ts
	}
	ts.Posterior = min(maxPosterior, q*(b-rho)/(b*(q-rho)))
	if ts.Posterior >= minPosterior {
		ts.Boost = math.Pow(ts.Posterior/(1-ts.Posterior), p.TimeEvidence)
	}
	return ts
}

// sortedTimes returns the known (non-zero) times in increasing order.
func sortedTimes(times []int64) []int64 {
	var sorted []int64
	for _, t := range times {
		if t != 0 {
			sorted = append(sorted, t)
		}
	}
	slices.Sort(sorted)
	return sorted
}

// pairsWithin returns the share of pairs of sorted times at most w apart.
func pairsWithin(sorted []int64, w int64) float64 {
	m := len(sorted)
	if m < 2 {
		return 1
	}
	var in int64
	j := 0
	for i, t := range sorted {
		for j < m && sorted[j]-t <= w {
			j++
		}
		in += int64(j - i - 1)
	}
	return float64(in) / (float64(m) * float64(m-1) / 2)
}
