package pipeline

import (
	"context"
	"math"
	"testing"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
	"github.com/newsclust/newsclust/pkg/story"
)

// TestRunWithOddStates runs the pipeline on the seed articles with saved
// states that are valid but odd, and checks that every story gets a status
// and the state stays valid.
func TestRunWithOddStates(t *testing.T) {
	seeds := []string{"../../testdata/seeds"}
	ids := func() []string {
		rep, err := Run(context.Background(), DefaultConfig(), seeds)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range rep.Stories {
			for _, m := range s.Members {
				out = append(out, m.ID)
			}
		}
		return out
	}()
	tests := []struct {
		name string
		st   *state.State
	}{
		{"empty", &state.State{}},
		{"odd stories", &state.State{
			Updated: 1 << 40, // far in the future: everything saved is recent, tonight is old
			Sketch:  state.SketchParams{ShingleSize: 9, K: 3},
			DF:      state.DF{Docs: 1e9, Counts: map[string]float64{"the": 1e9, "": 5}},
			Stories: []state.Story{
				{ID: "story-empty"},
				{ID: "story-odd", LastSeen: 1 << 40, Centroid: []state.Term{{Stem: "zzz", Weight: 1}},
					Members: []state.Member{{ID: ids[0], Seen: 1 << 40}}, Docs: []state.Doc{{ID: ids[0], Shingles: 0, Sketch: []uint32{1, 2, 3}}}},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.State = tt.st
			rep, err := Run(context.Background(), cfg, seeds)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range rep.Stories {
				switch s.Status {
				case report.StatusNew, report.StatusUpdated, report.StatusUnchanged:
				default:
					t.Errorf("story %s has status %q", s.ID, s.Status)
				}
			}
			if rep.Counts.State == nil {
				t.Fatal("no state counts")
			}
			if err := tt.st.Validate(); err != nil {
				t.Fatalf("state invalid after the run: %v", err)
			}
		})
	}
}

// TestReportRecordsStateParams checks that a run with saved state records
// the continuation threshold and retention it used, and a run without
// leaves them out.
func TestReportRecordsStateParams(t *testing.T) {
	seeds := []string{"../../testdata/seeds"}
	tests := []struct {
		name      string
		st        *state.State
		threshold float64 // story threshold; 0 keeps the default
		cont      float64
		retain    int64
		want      *report.StateParams
	}{
		{"no state", nil, 0, 0.2, 3600, nil},
		{"defaults", &state.State{}, 0, 0, 0, &report.StateParams{ContinueThreshold: story.DefaultParams().Threshold, RetainHours: DefaultRetain / 3600}},
		{"set", &state.State{}, 0, 0.2, 5400, &report.StateParams{ContinueThreshold: 0.2, RetainHours: 1.5}},
		{"own story threshold", &state.State{}, 0.35, 0, 0, &report.StateParams{ContinueThreshold: 0.35, RetainHours: DefaultRetain / 3600}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.State, cfg.Continue, cfg.Retain = tt.st, tt.cont, tt.retain
			if tt.threshold > 0 {
				cfg.Story.Threshold = tt.threshold
			}
			rep, err := Run(context.Background(), cfg, seeds)
			if err != nil {
				t.Fatal(err)
			}
			got := rep.Run.Params.State
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("params.state = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestContinueAtFollowsStoryThreshold(t *testing.T) {
	tests := []struct {
		cont, threshold, want float64
	}{
		{0, 0.30, 0.30}, // unset: the cut that merges clusters in one run
		{0, 0.45, 0.45},
		{0.2, 0.30, 0.2}, // set: as given
		{0, 0, story.DefaultParams().Threshold},
		{0, math.NaN(), story.DefaultParams().Threshold},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		c.Continue, c.Story.Threshold = tt.cont, tt.threshold
		if got := c.continueAt(); got != tt.want {
			t.Errorf("Continue %v, Story.Threshold %v: continueAt() = %v, want %v", tt.cont, tt.threshold, got, tt.want)
		}
	}
}
