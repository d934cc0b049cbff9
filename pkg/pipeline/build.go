package pipeline

// Assembling the report. Ids of groups and stories are hashes of their sorted
// member ids, so they do not depend on the order of the run; lists are sorted
// by size and then id. A story's headline is the title of the unit closest to
// the story's centroid, and its top terms are the heaviest terms of that
// centroid.

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/vector"
)

// topTermCount is the number of terms listed per story.
const topTermCount = 8

// buildGroups converts near-duplicate groups to their report form.
func buildGroups(cd *corpusData, dups *dupResult) []report.Group {
	out := make([]report.Group, 0, len(dups.groups))
	for gi := range dups.groups {
		g := &dups.groups[gi]
		ids := make([]string, len(g.members))
		members := make([]report.Member, len(g.members))
		for k, m := range g.members {
			ids[k] = cd.docs[m].ID
			members[k] = report.Member{ID: cd.docs[m].ID, Similarity: round4(g.jaccard[k]), Containment: round4(g.contain[k])}
		}
		canon := cd.docs[g.canonical].ID
		slices.SortFunc(members, func(a, b report.Member) int {
			if c := cmp.Compare(b2i(b.ID == canon), b2i(a.ID == canon)); c != 0 {
				return c
			}
			return cmp.Compare(a.ID, b.ID)
		})
		slices.Sort(ids)
		out = append(out, report.Group{ID: report.GroupID("dup-", ids), Canonical: canon, Members: members})
	}
	slices.SortFunc(out, func(a, b report.Group) int {
		if c := cmp.Compare(len(b.Members), len(a.Members)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// buildStories converts story labels to their report form, describing the
// stories on workers goroutines.
func buildStories(ctx context.Context, cd *corpusData, dups *dupResult, sr *storyResult, groupIDs map[int32]string, workers int) ([]report.Story, error) {
	byLabel := make(map[int32][]int32)
	for i := range cd.docs {
		l := sr.labels[sr.unitOf[i]]
		byLabel[l] = append(byLabel[l], int32(i))
	}
	byRank := make([]uint32, len(sr.ranks))
	for id, r := range sr.ranks {
		byRank[r] = uint32(id)
	}
	stories := make([][]int32, 0, len(byLabel))
	for _, members := range byLabel {
		stories = append(stories, members)
	}
	out := make([]report.Story, len(stories))
	sums := make([]centroidSum, workers)
	err := forEach(ctx, len(stories), workers, func(w, k int) error {
		out[k] = buildStory(cd, dups, sr, stories[k], groupIDs, byRank, &sums[w])
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b report.Story) int {
		if c := cmp.Compare(b.Size, a.Size); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// buildStory describes one story whose documents are members.
func buildStory(cd *corpusData, dups *dupResult, sr *storyResult, members []int32, groupIDs map[int32]string, byRank []uint32, sum *centroidSum) report.Story {
	slices.SortFunc(members, func(a, b int32) int {
		if c := cmp.Compare(cd.docs[a].Published, cd.docs[b].Published); c != 0 {
			return c
		}
		return cmp.Compare(cd.docs[a].ID, cd.docs[b].ID)
	})
	s := report.Story{Size: len(members)}
	ids := make([]string, len(members))
	var units []int32
	for k, m := range members {
		d := &cd.docs[m]
		ids[k] = d.ID
		sm := report.StoryMember{ID: d.ID, Title: d.Title}
		if g := dups.groupOf[m]; g >= 0 {
			sm.DuplicateGroup = groupIDs[g]
		}
		s.Members = append(s.Members, sm)
		if sr.units[sr.unitOf[m]] == m {
			units = append(units, sr.unitOf[m])
		}
		if d.Published != 0 {
			t := time.Unix(d.Published, 0).UTC()
			if s.FirstPublished == nil || t.Before(*s.FirstPublished) {
				s.FirstPublished = &t
			}
			if s.LastPublished == nil || t.After(*s.LastPublished) {
				s.LastPublished = &t
			}
		}
	}
	slices.Sort(ids)
	s.ID = report.GroupID("story-", ids)
	centroid := sr.vectors.Row(int(units[0]))
	if len(units) > 1 {
		centroid = sum.of(sr.vectors, units, len(byRank))
	}
	s.Headline = cd.docs[sr.units[closest(sr.vectors, units, centroid)]].Title
	s.TopTerms = []string{}
	for _, t := range topTerms(centroid, topTermCount) {
		s.TopTerms = append(s.TopTerms, cd.vocab.Surface(byRank[t]))
	}
	return s
}

// centroidSum sums unit vectors in a dense array indexed by term, reused
// from story to story.
type centroidSum struct {
	sum     []float64 // by term; zero except while summing
	in      []bool    // by term: whether it is in touched
	touched []uint32  // terms met while summing
}

// of returns the sum of the unit vectors (terms below nTerms) as a sparse
// vector with float32 weights, each term's weights added in the order of
// units. The vector is freshly allocated.
func (c *centroidSum) of(rows *vector.Rows, units []int32, nTerms int) vector.Vector {
	if len(c.sum) < nTerms {
		c.sum, c.in = make([]float64, nTerms), make([]bool, nTerms)
	}
	c.touched = c.touched[:0]
	for _, u := range units {
		v := rows.Row(int(u))
		for k, t := range v.Terms {
			if !c.in[t] {
				c.in[t] = true
				c.touched = append(c.touched, t)
			}
			c.sum[t] += float64(v.Weights[k])
		}
	}
	slices.Sort(c.touched)
	out := vector.Vector{Terms: slices.Clone(c.touched), Weights: make([]float32, len(c.touched))}
	for k, t := range c.touched {
		out.Weights[k] = float32(c.sum[t])
		c.sum[t], c.in[t] = 0, false
	}
	return out
}

// closest returns the unit most similar to centroid (the first on ties).
func closest(rows *vector.Rows, units []int32, centroid vector.Vector) int32 {
	best, bestSim := units[0], -1.0
	for _, u := range units {
		if sim := vector.Dot(rows.Row(int(u)), centroid); sim > bestSim {
			best, bestSim = u, sim
		}
	}
	return best
}

// topTerms returns the k heaviest terms of v, heaviest first, ties by term.
func topTerms(v vector.Vector, k int) []uint32 {
	if len(v.Terms) == 0 {
		return nil
	}
	idx := make([]int32, len(v.Terms))
	for i := range idx {
		idx[i] = int32(i)
	}
	k = min(k, len(idx))
	vector.SelectTop(idx, k, func(a, b int32) int {
		if wa, wb := v.Weights[a], v.Weights[b]; wa != wb {
			if wa > wb {
				return -1
			}
			return 1
		}
		return cmp.Compare(v.Terms[a], v.Terms[b])
	})
	out := make([]uint32, k)
	for j, i := range idx[:k] {
		out[j] = v.Terms[i]
	}
	return out
}

func round4(x float64) float64 {
	return float64(int64(x*10000+0.5)) / 10000
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
