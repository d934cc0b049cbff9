package pipeline

import (
	"context"
	"errors"
	"time"

	"github.com/newsclust/newsclust/pkg/corpus"
	"github.com/newsclust/newsclust/pkg/report"
)

// Version is the version of newsclust written into reports.
const Version = "0.1.0"

// ErrNoDocuments is returned when no input yielded a usable document.
var ErrNoDocuments = errors.New("no usable documents in the input")

// Run reads paths and runs every stage, returning the report. Problems with
// single records are listed in the report's errors; Run fails only when ctx is
// cancelled or nothing usable was read (ErrNoDocuments, with the report still
// returned so its errors can be shown).
func Run(ctx context.Context, cfg Config, paths []string) (*report.Report, error) {
	rep := &report.Report{Schema: report.Schema}
	rep.Run = report.Run{Version: Version, Started: time.Now().UTC(), Inputs: paths, Timings: map[string]int64{}}
	timer := stageTimer{rep: rep, cfg: &cfg}

	cd, err := ingest(ctx, &cfg, paths)
	if err != nil {
		return nil, err
	}
	cd.freeTokens = true
	timer.done("read_analyse", "documents", len(cd.docs), "vocabulary", cd.vocab.Len())
	rep.Errors = cd.problems
	if rep.Errors == nil {
		rep.Errors = []corpus.Problem{}
	}
	rep.Counts.Skipped = countSkipped(cd.problems)
	if len(cd.docs) == 0 {
		rep.Run.Finished = time.Now().UTC()
		return rep, ErrNoDocuments
	}
	rep.Counts.Documents = len(cd.docs)

	removed, err := dropBoilerplate(ctx, &cfg, cd)
	if err != nil {
		return nil, err
	}
	rep.Counts.BoilerplateLines = removed
	timer.done("boilerplate", "lines_removed", removed)

	dups, err := findDuplicates(ctx, &cfg, cd)
	if err != nil {
		return nil, err
	}
	timer.done("near_duplicates", "candidates", dups.candidates, "groups", len(dups.groups))
	saved, err := prepareState(ctx, &cfg, cd, dups)
	if err != nil {
		return nil, err
	}

	sr, err := clusterStories(ctx, &cfg, cd, dups)
	if err != nil {
		return nil, err
	}
	ts := sr.stats.TimeScale
	timer.done("stories", "units", len(sr.units), "edges", sr.stats.Edges,
		"time_window_s", ts.Window, "time_posterior", ts.Posterior, "time_lowest_cosine", ts.LowestCosine,
		"time_boost", ts.Boost)

	rep.NearDuplicates = buildGroups(cd, dups)
	groupIDs := groupIDsOf(rep.NearDuplicates, cd, dups)
	rep.Stories, err = buildStories(ctx, cd, dups, sr, groupIDs, cfg.workers())
	if err != nil {
		return nil, err
	}
	if saved != nil {
		timer.done("state", saved.apply(rep, cd, sr)...)
	}
	fillCounts(rep, dups)
	rep.Run.Params = paramsOf(&cfg, dups, sr)
	timer.done("report", "stories", len(rep.Stories))
	rep.Run.Finished = time.Now().UTC()
	return rep, nil
}

// groupIDsOf maps each near-duplicate group of dups to the id of its group
// in the report, matched by canonical member.
func groupIDsOf(groups []report.Group, cd *corpusData, dups *dupResult) map[int32]string {
	byCanonical := make(map[string]string, len(groups))
	for _, g := range groups {
		byCanonical[g.Canonical] = g.ID
	}
	ids := make(map[int32]string, len(dups.groups))
	for g := range dups.groups {
		ids[int32(g)] = byCanonical[cd.docs[dups.groups[g].canonical].ID]
	}
	return ids
}

func countSkipped(problems []corpus.Problem) int {
	n := 0
	for _, p := range problems {
		if p.Skipped {
			n++
		}
	}
	return n
}

func fillCounts(rep *report.Report, dups *dupResult) {
	rep.Counts.NearDuplicateGroups = len(dups.groups)
	for _, g := range dups.groups {
		rep.Counts.NearDuplicateDocs += len(g.members)
	}
	rep.Counts.Stories = len(rep.Stories)
}

func paramsOf(cfg *Config, dups *dupResult, sr *storyResult) report.Params {
	ts := sr.stats.TimeScale
	p := report.Params{
		ShingleSize:      cfg.ShingleSize,
		Permutations:     cfg.Permutations,
		Bands:            dups.bands,
		Rows:             dups.rows,
		DupThreshold:     cfg.DupThreshold,
		DupContainment:   cfg.DupContainment,
		StoryThreshold:   cfg.Story.Threshold,
		StoryWindowHours: float64(cfg.Story.Window) / 3600,
		StoryCohesion:    cfg.Story.Cohesion,
		StoryTimeScale: report.TimeScale{
			WindowSeconds: ts.Window, Posterior: ts.Posterior, LowestCosine: ts.LowestCosine, Boost: ts.Boost,
		},
		Language: cfg.Lang,
		Workers:  cfg.workers(),
	}
	if cfg.ShortShingles > 0 {
		p.ShortIndex = &report.ShortIndex{MaxShingles: cfg.ShortShingles, DupThreshold: cfg.ShortDupThreshold, Bands: dups.shortBands, Rows: dups.shortRows}
	}
	if cfg.State != nil {
		p.State = &report.StateParams{ContinueThreshold: cfg.continueAt(), RetainHours: float64(cfg.retain()) / 3600}
	}
	return p
}

// stageTimer records the duration of each stage and logs it.
type stageTimer struct {
	rep  *report.Report
	cfg  *Config
	last time.Time
}

func (t *stageTimer) done(stage string, attrs ...any) {
	now := time.Now()
	if t.last.IsZero() {
		t.last = t.rep.Run.Started
	}
	ms := now.Sub(t.last).Milliseconds()
	t.rep.Run.Timings[stage] = ms
	t.last = now
	t.cfg.logger().Info("stage done", append([]any{"stage", stage, "ms", ms}, attrs...)...)
}
