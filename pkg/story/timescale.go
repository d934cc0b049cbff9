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
// number of workers. Their exact cosines sort them:
//
//   - confident pairs (cosine ≥ confidentSim), nearly always one story: W is
//     the confidentQuantile of their time gaps, and q the share within W;
//   - pairs under the threshold T, in bins of cosine T/cosBins wide: a band
//     [L, T) of them has a share b within W;
//   - all pairs of the batch, of which a share ρ falls within W (counted
//     exactly from the sorted times).
//
// If band pairs of one story fall within W as often as confident pairs, and
// other band pairs as often as random ones, then of the band pairs within W
// a share P = q(b − ρ) / (b(q − ρ)) are one story. The band starts as
// [T/2, T) and widens down a bin at a time while P stays at or above
// minPosterior. Pairs within W then get their similarity multiplied by
// B = min((P/(1−P))^κ, T/L), κ = Params.TimeEvidence, less with the gap
// beyond W (halving every W), and never below the fixed time factor. B ≤ T/L
// means the boost lifts over the threshold only pairs of the band it was
// measured on. Stories spread over days, as in most news, give P well under
// the gate and no boost; headlines stamped at crawl time, each story within a
// minute, give P over 0.9. Between clusters the boost is averaged over their
// pairs of items (slots.go).
//
// Gaps are counted in a histogram of four bins per doubling of seconds, each
// 14% to 25% wide, and W is the upper end of a bin.

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
	sampleItems       = 20000  // from sampleItems to 2·sampleItems items are sampled
	gapBins           = 64 * 4 // four bins a doubling of seconds
	cosBins           = 16     // cosines under the threshold T are counted in bins T/cosBins wide
)

// TimeScale is the time scale measured on a batch.
type TimeScale struct {
	Window       int64   // W: seconds within which confident pairs fall (0: not measured)
	Confident    int     // timed confident pairs in the sample
	Posterior    float64 // P: estimated share of one story among the band's pairs within W (0: not measured)
	LowestCosine float64 // L: the band is [L, T); T/2 if P fails the gate there (0: not measured)
	Boost        float64 // B: similarity factor within W, at most T/L ≤ cosBins (1: none)
}

// gapHist counts the time gaps of sampled pairs: confident ones, and those
// under the threshold T by bins of cosine T/cosBins wide.
type gapHist struct {
	confident [gapBins]int64
	below     [cosBins][gapBins]int64
}

// gapBin returns the histogram bin of a gap of d ≥ 0 seconds: d itself below
// 4, then four bins a doubling.
func gapBin(d int64) int {
	if d < 4 {
		if d < 0 { // an overflowed gap: as far apart as can be
			return gapBins - 1
		}
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
	if !(p.TimeEvidence > 0) || math.IsInf(p.TimeEvidence, 1) {
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
	case cos >= 0 && cos < t:
		h.below[min(cosBins-1, int(cos/t*cosBins))][k]++
	}
}

// merge adds the counts of o to h.
func (h *gapHist) merge(o *gapHist) {
	for k := range h.confident {
		h.confident[k] += o.confident[k]
		for c := range h.below {
			h.below[c][k] += o.below[c][k]
		}
	}
}

// scale returns the time scale the counts of h show, given the batch's known
// times in increasing order.
func (h *gapHist) scale(sorted []int64, p Params) TimeScale {
	ts := TimeScale{Boost: 1}
	ts.Window, ts.Confident = h.window()
	if ts.Window == 0 {
		return ts
	}
	all, cw := count(&h.confident, ts.Window)
	q, rho := float64(cw)/float64(all), pairsWithin(sorted, ts.Window)
	// Widen the band down from [T/2, T) while its posterior passes the gate.
	var band, bw int64
	for c := cosBins - 1; c > 0; c-- {
		in, inW := count(&h.below[c], ts.Window)
		band, bw = band+in, bw+inW
		if c > cosBins/2 {
			continue
		}
		if in == 0 && c < cosBins/2 {
			break // no pairs to measure this bin by
		}
		post := posterior(q, float64(bw)/float64(max(band, 1)), rho)
		if post < minPosterior {
			if c == cosBins/2 {
				ts.Posterior, ts.LowestCosine = post, p.Threshold/2
			}
			break
		}
		ts.Posterior, ts.LowestCosine = post, float64(c)*p.Threshold/cosBins
		ts.Boost = min(math.Pow(post/(1-post), p.TimeEvidence), cosBins/float64(c))
	}
	return ts
}

// window returns the confidentQuantile of the confident pairs' gaps, at
// least 1 s, and their number; 0 for the window if there are fewer than
// minConfident.
func (h *gapHist) window() (int64, int) {
	confident, _ := count(&h.confident, 0)
	if confident < minConfident {
		return 0, int(confident)
	}
	need := int64(math.Ceil(confidentQuantile * float64(confident)))
	var cw int64
	for k, n := range h.confident {
		if cw += n; cw >= need {
			return max(1, binUpper(k)), int(confident)
		}
	}
	panic("unreachable")
}

// count returns the number of pairs counted in bins, and of those the number
// at most w seconds apart (whole bins).
func count(bins *[gapBins]int64, w int64) (all, within int64) {
	for k, n := range bins {
		all += n
		if binUpper(k) <= w {
			within += n
		}
	}
	return all, within
}

// posterior returns the estimated share of one story among the band pairs
// within the window, where a share q of confident pairs, b of band pairs
// and rho of all pairs fall within it; capped at maxPosterior, 0 when the
// band is no closer in time than all pairs.
func posterior(q, b, rho float64) float64 {
	if b <= rho || q <= rho {
		return 0
	}
	return min(maxPosterior, q*(b-rho)/(b*(q-rho)))
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
