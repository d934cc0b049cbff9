package main

// This file makes the copies of each original with package synd and checks
// each copy against the other groups' originals through the same shingle
// index, so that a group label never joins texts that are near-duplicates
// of another group: a copy must stay below maxJaccard with every other
// original and hold less than maxContain of its shingles. The second test
// matters for short originals: the paragraph a copy gains from another
// story can be the whole of another group's original, and such a copy holds
// that original as much as its own.

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/newsclust/newsclust/benchmarks/internal/shingle"
	"github.com/newsclust/newsclust/benchmarks/internal/source"
	"github.com/newsclust/newsclust/benchmarks/internal/synd"
)

// copyWeights give the chances of 0, 1, 2, 3 and 4 copies of an original.
var copyWeights = []int{35, 25, 20, 12, 8}

// tries is how often a copy is remade when it comes out too close to
// another group's original.
const tries = 3

// start is the earliest time a copy runs.
var start = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

// record is one line of the output.
type record struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	Story string `json:"story"`
	Dup   string `json:"dup"`
}

// copier makes the syndicated copies of the picked originals.
type copier struct {
	r       *rand.Rand
	d       *source.Data
	pubs    []source.Publisher
	picked  []*original
	ix      index
	titles  map[string][]string // gold story → its headlines
	dropped int                 // copies given up as too close to another group
	minJ    float64             // lowest similarity of a copy to its original
}

func newCopier(d *source.Data, seed uint64, picked []*original, ix index) *copier {
	c := &copier{r: rand.New(rand.NewPCG(seed, 0x636f70696573)), d: d, picked: picked, ix: ix,
		titles: map[string][]string{}, minJ: 1}
	for _, st := range d.Stories {
		c.titles[st.ID] = st.Titles
	}
	c.pubs = d.Publishers
	if len(c.pubs) == 0 {
		c.pubs = []source.Publisher{{Name: "Newswire", Host: "newswire.example"}}
	}
	return c
}

// group returns the records of original i: the original and its copies.
func (c *copier) group(i int) []record {
	o := c.picked[i]
	out := []record{{ID: o.id, Title: o.title, Text: o.text, Story: o.id, Dup: o.id}}
	for k := range c.copies() {
		if t, x, ok := c.makeCopy(int32(i)); ok {
			id := fmt.Sprintf("%s-copy%d", o.id, k+1)
			out = append(out, record{ID: id, Title: t, Text: x, Story: o.id, Dup: o.id})
		}
	}
	return out
}

// copies draws the number of copies of an original.
func (c *copier) copies() int {
	x := c.r.IntN(100)
	for n, w := range copyWeights {
		if x < w {
			return n
		}
		x -= w
	}
	return 0
}

// makeCopy makes a copy of original i that stays below maxJaccard with
// every other original and holds less than maxContain of each, trying a
// few times.
func (c *copier) makeCopy(i int32) (title, text string, ok bool) {
	o := c.picked[i]
	for range tries {
		pub := c.pubs[c.r.IntN(len(c.pubs))]
		title, text = synd.Copy(c.r, o.title, o.text, synd.Options{
			Source:       pub.Name,
			Host:         pub.Host,
			Time:         start.Add(time.Duration(c.r.IntN(7*24*60)) * time.Minute),
			Vocab:        c.d.Vocab,
			Alts:         c.titles[o.story],
			DropOrInsert: true,
			Insert:       c.otherSentence(o.story),
		})
		set := shingle.Set(text, shingleSize)
		j, _ := c.ix.maxOverlap(set, c.picked, i)
		if j < maxJaccard && c.ix.maxContained(set, c.picked, i) < maxContain {
			c.minJ = min(c.minJ, shingle.Jaccard(set, o.shingles))
			return title, text, true
		}
	}
	c.dropped++
	return "", "", false
}

// otherSentence returns a real sentence from a random story other than
// the given one, the kind of paragraph a copy may gain.
func (c *copier) otherSentence(story string) string {
	for range 10 {
		st := c.d.Stories[c.r.IntN(len(c.d.Stories))]
		if st.ID != story && len(st.Sentences) > 0 {
			return st.Sentences[c.r.IntN(len(st.Sentences))]
		}
	}
	return ""
}
