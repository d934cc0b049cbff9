package main

// This file plans the corpus from the seed in one sequence of draws: the
// stories (material, names, time span, size), each article's time, seed and
// publisher, and the copies. Nothing here writes text, so the plan of a
// million articles takes a few seconds and under a hundred megabytes.

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// story is a synthetic story: the real stories whose sentences it draws on
// and, for a story that reuses real material already used, the seed of its
// own set of names.
type story struct {
	parts  []int32 // real stories; parts[0] is the base
	mixed  int     // parts[1:1+mixed] are the stories mixed in
	rename uint64  // 0 keeps the real names
}

// article is one planned article. Its text is a function of its seed and
// its story only, so articles can be rendered in any order, in parallel.
type article struct {
	t     int64 // seconds after the start of the corpus
	seed  uint64
	story int32
	dupOf int32 // index in plan.arts of the original; -1 if none
	pub   int32
}

// plan is the whole corpus before any text is written.
type plan struct {
	stories []story
	arts    []article // in output order: by time
	dups    int
}

// Planning constants.
const (
	dupPercent   = 12   // share of near-duplicate copies
	sizeExponent = 1.2  // P(size ≥ k) = k^-1.2
	maxStorySize = 2000 // cap on a story's articles
	minDuration  = 3 * 3600
	maxDuration  = 5 * 86400
	meanDupDelay = 4 * 3600
)

// makePlan plans n articles over days days.
func makePlan(p *pool, n int, seed uint64, days int) *plan {
	r := rand.New(rand.NewPCG(seed, 0x6e657773636c7573))
	pl := &plan{dups: n * dupPercent / 100}
	window := int64(days) * 86400
	orig := n - pl.dups
	perm := r.Perm(len(p.stories))
	for next := 0; len(pl.arts) < orig; {
		size := min(storySize(r, orig), orig-len(pl.arts))
		st := newStory(r, p, perm, &next, size)
		pl.addArticles(r, p, st, size, window)
	}
	pl.addDups(r, p, window)
	pl.sortByTime()
	return pl
}

// storySize draws a heavy-tailed story size: most stories have one to
// three articles, a few have hundreds.
func storySize(r *rand.Rand, total int) int {
	limit := min(maxStorySize, max(1, total/20))
	k := int(math.Pow(1-r.Float64(), -1/sizeExponent))
	return max(1, min(k, limit))
}

// newStory picks a story's real material. Real stories are used once each
// with their own names, in a random order; after that, and for big stories,
// a base story is mixed with one or two others (mostly related ones) and
// gets its own names.
func newStory(r *rand.Rand, p *pool, perm []int, next *int, size int) story {
	var base int32
	fresh := false
	if size >= 20 && len(p.rich) > 0 && r.IntN(2) == 0 {
		base = p.rich[r.IntN(len(p.rich))]
	} else {
		base = int32(perm[*next%len(perm)])
		fresh = *next < len(perm)
		*next++
	}
	st := story{parts: []int32{base}}
	rel := p.stories[base].related
	if !fresh {
		st.rename = r.Uint64() | 1
		for range 1 + r.IntN(2) {
			m := int32(r.IntN(len(p.stories)))
			if len(rel) > 0 && r.IntN(10) < 7 {
				m = rel[r.IntN(len(rel))]
			}
			if !slices.Contains(st.parts, m) {
				st.parts = append(st.parts, m)
				st.mixed++
			}
		}
	}
	for _, j := range rel {
		if !slices.Contains(st.parts, j) {
			st.parts = append(st.parts, j)
		}
	}
	return st
}

// addArticles adds a story and plans its articles: the story runs for a
// few hours to five days (big stories at least a day), and its articles
// come thick at the start and thin out.
func (pl *plan) addArticles(r *rand.Rand, p *pool, st story, size int, window int64) {
	id := int32(len(pl.stories))
	pl.stories = append(pl.stories, st)
	dur := int64(minDuration * math.Exp(r.Float64()*math.Log(maxDuration/minDuration)))
	if size >= 20 {
		dur = max(dur, 86400)
	}
	dur = min(dur, window)
	start := r.Int64N(window - dur + 1)
	for range size {
		u := r.Float64()
		pl.arts = append(pl.arts, article{
			t:     start + int64(u*u*float64(dur)),
			seed:  r.Uint64(),
			story: id,
			dupOf: -1,
			pub:   pickPub(r, p),
		})
	}
}

// addDups adds the near-duplicate copies: each copies a random original and
// is run by another publisher minutes to hours later.
func (pl *plan) addDups(r *rand.Rand, p *pool, window int64) {
	orig := len(pl.arts)
	if orig == 0 {
		return
	}
	for range pl.dups {
		o := r.IntN(orig)
		a := pl.arts[o]
		a.t = min(window-1, a.t+int64(r.ExpFloat64()*meanDupDelay))
		a.seed = r.Uint64()
		a.dupOf = int32(o)
		for pub := a.pub; a.pub == pub && len(p.pubs) > 1; {
			a.pub = pickPub(r, p)
		}
		pl.arts = append(pl.arts, a)
	}
}

// pickPub picks a publisher by weight.
func pickPub(r *rand.Rand, p *pool) int32 {
	x := r.Int64N(p.pubCum[len(p.pubCum)-1])
	i, _ := slices.BinarySearch(p.pubCum, x+1)
	return int32(i)
}

// sortByTime orders the articles by time (ties by plan order) and points
// dupOf at the new positions.
func (pl *plan) sortByTime() {
	order := make([]int32, len(pl.arts))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(pl.arts[a].t, pl.arts[b].t); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	pos := make([]int32, len(order))
	for i, o := range order {
		pos[o] = int32(i)
	}
	sorted := make([]article, len(order))
	for i, o := range order {
		sorted[i] = pl.arts[o]
		if d := sorted[i].dupOf; d >= 0 {
			sorted[i].dupOf = pos[d]
		}
	}
	pl.arts = sorted
}
