package main

// This file finds, for each real story, the stories it may borrow
// sentences from: those sharing its most distinctive words, found through an
// inverted index from terms to stories.

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/newsclust/newsclust/benchmarks/internal/shingle"
	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

// topTerms is how many of its most distinctive terms represent a story.
const topTerms = 40

// relate fills each story's related list: the stories that share the most
// distinctive terms with it (lower-cased words of four letters or more,
// weighted by inverse story frequency; each story keeps its 40 best by
// tf·idf), best first. ECB+ stories of the same topic ("12_ecb" and
// "12_ecbplus") come first. Lists shorter than maxRelated are padded with
// stories picked by a fixed hash, so long articles always find text.
func relate(p *pool, d *source.Data) {
	terms, idf := storyTerms(d)
	index := map[string][]int32{}
	for i, ts := range terms {
		for _, t := range ts {
			index[t] = append(index[t], int32(i))
		}
	}
	score := make([]float64, len(terms))
	var touched []int32
	for i, ts := range terms {
		touched = touched[:0]
		for _, t := range ts {
			for _, j := range index[t] {
				if j != int32(i) {
					if score[j] == 0 {
						touched = append(touched, j)
					}
					score[j] += idf[t]
				}
			}
		}
		addTopic(d, i, score, &touched)
		p.stories[i].related = best(score, touched, i, len(terms))
		for _, j := range touched {
			score[j] = 0
		}
	}
}

// storyTerms returns each story's most distinctive terms and the idf of
// every term kept.
func storyTerms(d *source.Data) ([][]string, map[string]float64) {
	tfs := make([]map[string]int, len(d.Stories))
	df := map[string]int{}
	for i, st := range d.Stories {
		tf := map[string]int{}
		for _, s := range append(slices.Clip(st.Sentences), st.Titles...) {
			for _, w := range shingle.Words(s) {
				if len(w) >= 4 && strings.Trim(w, "0123456789") != "" {
					tf[w]++
				}
			}
		}
		for w := range tf {
			df[w]++
		}
		tfs[i] = tf
	}
	n := float64(len(d.Stories))
	maxDF := max(10, len(d.Stories)/50)
	idf := map[string]float64{}
	for w, f := range df {
		if f >= 2 && f <= maxDF {
			idf[w] = math.Log(n / float64(f))
		}
	}
	terms := make([][]string, len(d.Stories))
	for i, tf := range tfs {
		terms[i] = topByWeight(tf, idf)
	}
	return terms, idf
}

// topByWeight returns the topTerms terms of tf with the highest tf·idf.
func topByWeight(tf map[string]int, idf map[string]float64) []string {
	var ts []string
	for w := range tf {
		if idf[w] > 0 {
			ts = append(ts, w)
		}
	}
	weight := func(w string) float64 { return float64(tf[w]) * idf[w] }
	slices.SortFunc(ts, func(a, b string) int {
		if c := cmp.Compare(weight(b), weight(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return ts[:min(len(ts), topTerms)]
}

// addTopic gives a large bonus to the ECB+ stories of story i's topic.
func addTopic(d *source.Data, i int, score []float64, touched *[]int32) {
	topic := ecbTopic(d.Stories[i].ID)
	if topic == "" {
		return
	}
	for j, st := range d.Stories {
		if j != i && ecbTopic(st.ID) == topic {
			if score[j] == 0 {
				*touched = append(*touched, int32(j))
			}
			score[j] += 1000
		}
	}
}

// ecbTopic returns "ecbplus/12" for "ecbplus/12_ecb", else "".
func ecbTopic(id string) string {
	rest, ok := strings.CutPrefix(id, "ecbplus/")
	if !ok {
		return ""
	}
	t, _, _ := strings.Cut(rest, "_")
	return "ecbplus/" + t
}

// best returns the maxRelated touched stories with the highest score,
// padded with hashed picks.
func best(score []float64, touched []int32, self, n int) []int32 {
	out := slices.Clone(touched)
	slices.SortFunc(out, func(a, b int32) int {
		if c := cmp.Compare(score[b], score[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	out = out[:min(len(out), maxRelated)]
	for k := uint64(1); len(out) < maxRelated && n > len(out)+1 && k < 64; k++ {
		j := int32(mix(uint64(self)*0x9e3779b97f4a7c15+k) % uint64(n))
		if int(j) != self && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	return out
}

// mix is the SplitMix64 finaliser, a fast fixed hash.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
