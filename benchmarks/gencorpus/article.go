package main

// This file renders one article from its seed: it picks sentences from the
// story's material part by part, lays them out in paragraphs, gives the
// story's names to the templates and chooses a headline. A copy renders its
// original again and applies package synd's edits.

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
	"github.com/newsclust/newsclust/benchmarks/internal/synd"
)

// Length of an article body: log-normal around a median of 500 words.
const (
	medianWords = 470
	sigmaWords  = 0.55
	minWords    = 60
	maxWords    = 6000
)

// Share of each part of a story's material one article takes: the base
// story, the stories mixed in, and the related stories.
// A base story with fewer than smallBase sentences gives a larger share, so
// that the story's articles are still mostly about it.
var (
	partShare      = [3][2]float64{{0.35, 0.8}, {0.2, 0.5}, {0.1, 0.35}}
	smallBaseShare = [2]float64{0.4, 0.75}
)

const smallBase = 30

// renderer writes article texts. Each worker has its own.
type renderer struct {
	p     *pool
	pl    *plan
	pcg   rand.PCG
	r     *rand.Rand
	stamp []uint32 // stamp[i] == epoch: sentence i is in this article
	epoch uint32
	picks []int32 // picked sentences, in order
	idx   []int32 // scratch for sampling
	title []byte
	body  []byte
}

func newRenderer(p *pool, pl *plan) *renderer {
	w := &renderer{p: p, pl: pl, stamp: make([]uint32, len(p.sents))}
	w.r = rand.New(&w.pcg)
	return w
}

// render returns the headline and body of article i of the plan. The
// slices are valid until the next call.
func (w *renderer) render(i int) (title, body []byte) {
	a := &w.pl.arts[i]
	if a.dupOf < 0 {
		return w.original(a)
	}
	t, b := w.original(&w.pl.arts[a.dupOf])
	origTitle, origBody := string(t), string(b)
	w.pcg.Seed(a.seed, uint64(a.story))
	alt := string(w.someTitle(&w.pl.stories[a.story]))
	pub := w.p.pubs[a.pub]
	st, text := synd.Copy(w.r, origTitle, origBody, synd.Options{
		Source: pub.Name,
		Host:   pub.Host,
		Time:   start.Add(time.Duration(a.t) * time.Second),
		Vocab:  w.p.vocab,
		Alts:   []string{alt},
	})
	w.title = append(w.title[:0], st...)
	w.body = append(w.body[:0], text...)
	return w.title, w.body
}

// original renders an article that is not a copy.
func (w *renderer) original(a *article) (title, body []byte) {
	w.pcg.Seed(a.seed, uint64(a.story))
	st := &w.pl.stories[a.story]
	target := int(medianWords * math.Exp(sigmaWords*w.r.NormFloat64()))
	w.pick(st, min(max(target, minWords), maxWords))
	w.body = w.body[:0]
	for i, s := range w.picks {
		if i > 0 {
			w.body = append(w.body, w.separator(i)...)
		}
		w.body = w.appendTmpl(w.body, &w.p.sents[s], st.rename)
	}
	w.title = w.headline(st)
	return w.title, w.body
}

// separator returns what goes before the i-th sentence: paragraphs hold
// one to three sentences, and the lead stands alone.
func (w *renderer) separator(i int) string {
	if i == 1 || w.r.IntN(5) < 2 {
		return synd.ParaSep
	}
	return " "
}

// pick fills w.picks with about target words of sentences: a random share
// of each part of the story's material in turn (base, mixed-in, related),
// each share in its original order. When that falls short, it goes on with
// small shares of stories related to a random part (two steps away from
// the base), chosen afresh for each article, so that long articles of a
// small story do not all end up with the same sentences.
func (w *renderer) pick(st *story, target int) {
	w.epoch++
	w.picks = w.picks[:0]
	words := 0
	for k, part := range st.parts {
		if words >= target {
			return
		}
		rs := &w.p.stories[part]
		lim := partShare[partKind(st, k)]
		if k == 0 && rs.hi-rs.lo < smallBase {
			lim = smallBaseShare
		}
		words = w.sample(rs, w.share(lim), target, words)
	}
	for try := 0; try < 4*maxRelated && words < target; try++ {
		rel := w.p.stories[st.parts[w.r.IntN(len(st.parts))]].related
		if len(rel) == 0 {
			return
		}
		words = w.sample(&w.p.stories[rel[w.r.IntN(len(rel))]], w.share(partShare[2]), target, words)
	}
}

// share draws a share between lim[0] and lim[1].
func (w *renderer) share(lim [2]float64) float64 {
	return lim[0] + (lim[1]-lim[0])*w.r.Float64()
}

// partKind is 0 for the base story, 1 for a mixed-in one, 2 for a related one.
func partKind(st *story, k int) int {
	switch {
	case k == 0:
		return 0
	case k <= st.mixed:
		return 1
	}
	return 2
}

// sample adds a random share of the unpicked sentences of rs to w.picks,
// in order, no more than are needed to reach target words, and returns the
// new word count.
func (w *renderer) sample(rs *realStory, share float64, target, words int) int {
	w.idx = w.idx[:0]
	for s := rs.lo; s < rs.hi; s++ {
		if w.stamp[s] != w.epoch {
			w.idx = append(w.idx, s)
		}
	}
	keep := int(math.Ceil(share * float64(len(w.idx))))
	if rs.avgWords > 0 {
		keep = min(keep, 1+int(float64(target-words)/rs.avgWords))
	}
	for i := 0; i < keep; i++ { // partial shuffle: the first keep are a random subset
		j := i + w.r.IntN(len(w.idx)-i)
		w.idx[i], w.idx[j] = w.idx[j], w.idx[i]
	}
	chosen := w.idx[:keep]
	slices.Sort(chosen)
	for _, s := range chosen {
		if words >= target {
			break
		}
		w.stamp[s] = w.epoch
		w.picks = append(w.picks, s)
		words += int(w.p.sents[s].words)
	}
	return words
}

// headline returns a headline for the article: one of its story's real
// headlines most of the time, else the first clause of its lead.
func (w *renderer) headline(st *story) []byte {
	if w.r.IntN(4) > 0 || len(w.picks) == 0 {
		if t := w.someTitle(st); len(t) > 0 {
			return t
		}
	}
	if len(w.picks) == 0 {
		return append(w.title[:0], "News in brief"...)
	}
	lead := w.appendTmpl(w.title[:0], &w.p.sents[w.picks[0]], st.rename)
	return append(lead[:0], source.Headline(string(lead), 12)...)
}

// someTitle renders a random real headline of the first part of the story
// that has any, or returns nil.
func (w *renderer) someTitle(st *story) []byte {
	for _, part := range st.parts {
		if ts := w.p.stories[part].titles; len(ts) > 0 {
			return w.appendTmpl(w.title[:0], &ts[w.r.IntN(len(ts))], st.rename)
		}
	}
	return nil
}

// appendTmpl appends t to dst with its names replaced by the story's own
// names (none when rename is 0), and with the story's own wording when the
// pool rewords (see pool.reword).
func (w *renderer) appendTmpl(dst []byte, t *tmpl, rename uint64) []byte {
	if rename == 0 || (len(t.spans) == 0 && w.p.reword == 0) {
		return append(dst, t.text...)
	}
	prev := int32(0)
	for _, s := range t.spans {
		dst = w.p.appendReworded(dst, t.text[prev:s.start], rename)
		dst = append(dst, w.p.names[w.p.renamed(rename, s.name)]...)
		prev = s.end
	}
	return w.p.appendReworded(dst, t.text[prev:], rename)
}

// renamed maps a name to the one a renamed story uses instead.
func (p *pool) renamed(rename uint64, name int32) int32 {
	return p.renameTo[mix(rename^uint64(name)*0x9e3779b97f4a7c15)%uint64(len(p.renameTo))]
}
