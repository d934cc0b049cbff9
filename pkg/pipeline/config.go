// Package pipeline runs the newsclust job: read → analyse → drop boilerplate →
// shingle, MinHash and LSH → near-duplicate groups → TF-IDF → story clusters →
// report. Each stage lives in its own package; this one only moves data
// between them, runs the parallel stages on Config.Workers goroutines, and
// times each stage.
//
// What is kept per document is compact: its id, title and time, its analysed
// tokens as term ids packed in 16 bits (tokens.go; dropped once vectors are
// built) and a pruned sparse vector. MinHash signatures go into the LSH
// indexes as they are computed and are not kept. Every parallel stage
// writes to slots indexed by the document's position in the input, so the
// result does not depend on the number of workers.
package pipeline

import (
	"log/slog"
	"runtime"

	"github.com/newsclust/newsclust/pkg/background"
	"github.com/newsclust/newsclust/pkg/state"
	"github.com/newsclust/newsclust/pkg/story"
)

// Config holds every parameter of a run.
type Config struct {
	Lang        string // default language of documents without one (ISO 639-1)
	Workers     int    // goroutines for the parallel stages; 0 means GOMAXPROCS
	MaxDocBytes int    // longest text kept per document; 0 means the reader's default

	ShingleSize    int     // tokens per shingle
	Permutations   int     // MinHash signature length
	LSHThreshold   float64 // Jaccard at which LSH banding is tuned to catch pairs
	DupThreshold   float64 // accept a candidate pair at or above this shingle Jaccard...
	DupContainment float64 // ...or at or above this containment of the smaller in the larger
	DupMinRatio    float64 // containment counts only when the smaller set is this fraction of the larger
	DupLinkage     float64 // groups merge when at least this share of the pairs between them are near-duplicates
	// A pair of documents of at most ShortShingles distinct shingles each is
	// short: it is accepted at ShortDupThreshold instead of DupThreshold, and
	// short documents are also banded in a second LSH index that catches a
	// pair at ShortDupThreshold with probability 0.999, unless the main
	// banding does so already or ShortDupThreshold is outside (0, 1]
	// (dups.go). ShortShingles 0 turns both off.
	ShortShingles     int
	ShortDupThreshold float64

	TitleWeight float64 // a title token counts this many body tokens
	LeadTokens  int     // the first LeadTokens body tokens count LeadWeight
	LeadWeight  float64
	BodyWeight  float64 // weight of body tokens after the lead
	NameWeight  float64 // a capitalised token inside a sentence counts this much more
	VectorTerms int     // terms kept per document vector
	// TFSaturation chooses the term-frequency curve: 0 is sublinear
	// (1 + ln tf), k > 0 is BM25's tf·(k+1)/(tf+k), negative is raw tf.
	TFSaturation float64
	// IDFPower raises every IDF to this power (0 means 1): above 1 favours
	// rare terms further, below 1 lets common topic words count more.
	IDFPower float64

	// Background blends document frequencies from a large corpus into the
	// batch's own (nil: batch only). It counts as BackgroundDocs documents
	// of BackgroundDocLen words each.
	Background       *background.Model
	BackgroundDocs   float64
	BackgroundDocLen float64
	Spread           bool // scale IDF by the share of the batch lacking the term

	Story story.Params

	// State, if not nil, is the state saved by earlier runs: Run continues
	// its stories and, on success, updates it in place (see state.go).
	State    *state.State
	Retain   int64   // seconds a saved story may stay idle; 0 means DefaultRetain
	Continue float64 // average similarity at which a story continues a saved one (statematch.go); 0 means Story.Threshold

	Progress func(stage string, done, total int) // called from the stages; may be nil
	Logger   *slog.Logger                        // stage logs; nil discards them
}

// DefaultConfig returns the configuration used when no flag overrides it.
func DefaultConfig() Config {
	return Config{
		Lang:           "en",
		ShingleSize:    3,
		Permutations:   128,
		LSHThreshold:   0.4,
		DupThreshold:   0.45,
		DupContainment: 0.8,
		DupMinRatio:    0.5,
		DupLinkage:     0.5,

		ShortShingles:     128,
		ShortDupThreshold: 0.35,

		TitleWeight: 2,
		LeadTokens:  60,
		LeadWeight:  1,
		BodyWeight:  0.25,
		NameWeight:  2,
		VectorTerms: 64,

		Background:       background.English(),
		BackgroundDocs:   10000,
		BackgroundDocLen: 300,
		Spread:           true,
		Story:            story.DefaultParams(),
	}
}

func (c *Config) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (c *Config) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

func (c *Config) progress(stage string, done, total int) {
	if c.Progress != nil {
		c.Progress(stage, done, total)
	}
}
