// Package report defines the JSON report of a newsclust run and writes it.
//
// The report is one JSON document (schema "newsclust.report/v1", described by
// newsclust.report.v1.schema.json at the top of the repository). Everything
// outside the run block is a function of the input and the parameters: group
// and story ids are derived from their members' ids, and lists are sorted, so
// two runs over the same input give byte-identical near_duplicates and
// stories. The run block alone carries times.
//
// Write goes to a temporary file in the destination's directory, syncs it and
// renames it over the destination, so a reader never sees half a report and a
// crash leaves the previous report in place.
package report

import (
	"time"

	"github.com/newsclust/newsclust/pkg/corpus"
)

// Schema is the value of the report's schema field.
const Schema = "newsclust.report/v1"

// Report is the whole JSON document.
type Report struct {
	Schema         string           `json:"schema"`
	Run            Run              `json:"run"`
	Counts         Counts           `json:"counts"`
	NearDuplicates []Group          `json:"near_duplicates"`
	Stories        []Story          `json:"stories"`
	Errors         []corpus.Problem `json:"errors"`

	EarlierDuplicates []EarlierDuplicate `json:"earlier_duplicates,omitempty"` // with saved state only
}

// Run describes the run itself; it is the only part that differs between two
// runs over the same input.
type Run struct {
	Version  string           `json:"version"`
	Started  time.Time        `json:"started"`
	Finished time.Time        `json:"finished"`
	Inputs   []string         `json:"inputs"`
	Params   Params           `json:"params"`
	Timings  map[string]int64 `json:"timings_ms"`
}

// Params records the parameters that shaped the result.
type Params struct {
	ShingleSize      int     `json:"shingle_size"`
	Permutations     int     `json:"permutations"`
	Bands            int     `json:"bands"`
	Rows             int     `json:"rows"`
	DupThreshold     float64 `json:"dup_threshold"`
	DupContainment   float64 `json:"dup_containment"`
	StoryThreshold   float64 `json:"story_threshold"`
	StoryWindowHours float64 `json:"story_window_hours"`
	// StoryCohesion is the share of the lower internal average similarity
	// that two clusters of two or more articles each must reach between
	// them to merge; 0 when the rule was off.
	StoryCohesion  float64   `json:"story_cohesion"`
	StoryTimeScale TimeScale `json:"story_time_scale"`
	Language       string    `json:"language"`
	Workers        int       `json:"workers"`
	// State holds the parameters of continuing saved stories. It is set
	// only in runs with -state (pipeline.Config.State not nil), even on a
	// first night with nothing saved yet; otherwise it is nil and left out.
	State *StateParams `json:"state,omitempty"`
	// ShortIndex records the threshold and index of short documents; nil,
	// and left out, when short documents were off (no document is judged
	// as short). It is set even when the batch held no short document.
	ShortIndex *ShortIndex `json:"short_index,omitempty"`
}

// ShortIndex records how short documents, of at most MaxShingles distinct
// shingles, were judged: a pair of two is a near-duplicate at Jaccard
// DupThreshold, and a second LSH index of Bands bands of Rows rows holds
// them, banded to catch such a pair with probability 0.999 where the
// signature length allows. Bands and Rows are 0 when there was no second
// index: the main banding catches such a pair with probability 0.999
// already, or DupThreshold is outside (0, 1].
type ShortIndex struct {
	MaxShingles  int     `json:"max_shingles"`
	DupThreshold float64 `json:"dup_threshold"`
	Bands        int     `json:"bands"`
	Rows         int     `json:"rows"`
}

// StateParams records how a run continued the stories saved by earlier
// runs: the average similarity at which a story continues a saved one, and
// how long a saved story may stay idle before it is forgotten.
type StateParams struct {
	ContinueThreshold float64 `json:"continue_threshold"` // the pipeline's continuation threshold: -story-continue, or the story threshold
	RetainHours       float64 `json:"retain_hours"`       // -retain in hours
}

// TimeScale is the time scale of stories measured on the batch (README, How
// it works): the window within which 80% of the sampled pairs that are
// surely one story fall (0 when there were too few such pairs, or the
// measurement is off); the estimated share of one story among the band of
// pairs under the story threshold within that window, and the lower end of
// that band (story_threshold/2 when the share fails the gate there); and the
// factor by which pairs within the window have their similarity raised (1:
// none; at most story_threshold / lowest_cosine). Between clusters the factor
// is averaged over their pairs of articles.
type TimeScale struct {
	WindowSeconds int64   `json:"window_seconds"`
	Posterior     float64 `json:"posterior"`
	LowestCosine  float64 `json:"lowest_cosine"`
	Boost         float64 `json:"boost"`
}

// Counts summarises the result.
type Counts struct {
	Documents           int `json:"documents"`
	Skipped             int `json:"skipped"`
	NearDuplicateGroups int `json:"near_duplicate_groups"`
	NearDuplicateDocs   int `json:"near_duplicate_documents"`
	Stories             int `json:"stories"`
	BoilerplateLines    int `json:"boilerplate_lines"`

	State *StateCounts `json:"state,omitempty"` // with saved state only
}

// Group is a set of near-duplicate documents.
type Group struct {
	ID        string   `json:"id"`
	Canonical string   `json:"canonical"`
	Members   []Member `json:"members"`
}

// Member is a document of a near-duplicate group with its similarity to the
// canonical member (shingle Jaccard; 1 for the canonical member itself).
type Member struct {
	ID          string  `json:"id"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
}

// Story is a set of documents reporting the same event.
type Story struct {
	ID             string        `json:"id"`
	Size           int           `json:"size"`
	Headline       string        `json:"headline"`
	TopTerms       []string      `json:"top_terms"`
	FirstPublished *time.Time    `json:"first_published"`
	LastPublished  *time.Time    `json:"last_published"`
	Members        []StoryMember `json:"members"`
	Status         string        `json:"status,omitempty"` // with saved state only: StatusNew, ...
}

// StoryMember is a document of a story.
type StoryMember struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	DuplicateGroup string `json:"duplicate_group,omitempty"`
}

// Labels maps each document of the report to the id of its story, and to the
// id of its near-duplicate group (its own id when it has none).
func (r *Report) Labels() (story, dup map[string]string) {
	story, dup = make(map[string]string), make(map[string]string)
	for _, s := range r.Stories {
		for _, m := range s.Members {
			story[m.ID] = s.ID
			dup[m.ID] = m.ID
			if m.DuplicateGroup != "" {
				dup[m.ID] = m.DuplicateGroup
			}
		}
	}
	return story, dup
}
