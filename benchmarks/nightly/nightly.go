package main

// The nightly simulation. A gencorpus corpus is split by UTC day of
// publication into nightly batches; the job runs on each batch in turn with
// one state directory, as cron would run it, loading and saving the state
// file each night (so the file format is part of what is measured). The
// stories of all nights together are then scored against the gold labels
// and compared with one run over the whole corpus. Continuity is measured
// on the gold stories that span several nights: for each night such a story
// continues into, whether the id most of its documents got that night is the
// id most of them got the night before. Finally the last night is run again
// on the saved state, which must leave the state file byte-identical.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
)

// record is what the simulation reads of a corpus line.
type record struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Story     string `json:"story"`
}

// corpusInfo holds the gold labels and the night of each document.
type corpusInfo struct {
	gold   map[string]string
	night  map[string]string // document → night (YYYY-MM-DD)
	nights []string          // sorted
	files  map[string]string // night → batch file
}

// split reads a JSONL corpus and writes one batch file per night into dir.
func split(corpus, dir string) (*corpusInfo, error) {
	b, err := os.ReadFile(corpus)
	if err != nil {
		return nil, err
	}
	ci := &corpusInfo{gold: map[string]string{}, night: map[string]string{}, files: map[string]string{}}
	lines := map[string]*bytes.Buffer{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || len(r.Published) < 10 {
			return nil, fmt.Errorf("%s: record without id or published time", corpus)
		}
		n := r.Published[:10]
		ci.gold[r.ID], ci.night[r.ID] = r.Story, n
		if lines[n] == nil {
			lines[n] = &bytes.Buffer{}
			ci.nights = append(ci.nights, n)
		}
		lines[n].Write(sc.Bytes())
		lines[n].WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.Sort(ci.nights)
	for _, n := range ci.nights {
		ci.files[n] = filepath.Join(dir, "night-"+n+".jsonl")
		if err := os.WriteFile(ci.files[n], lines[n].Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	return ci, nil
}

// nightResult is one night's run.
type nightResult struct {
	Night     string
	Documents int
	Counts    report.StateCounts
	Seconds   float64
	StateSize int
}

// runNight runs the job on one batch with the state file in dir, and saves
// the state. It returns the report.
func runNight(ctx context.Context, cfg pipeline.Config, batch, dir string) (*report.Report, error) {
	path := filepath.Join(dir, state.FileName)
	st, err := state.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		st, err = &state.State{}, nil
	}
	if err != nil {
		return nil, err
	}
	cfg.State = st
	rep, err := pipeline.Run(ctx, cfg, []string{batch})
	if err != nil {
		return nil, err
	}
	return rep, state.Save(path, st)
}

// simulation is the outcome of runNights.
type simulation struct {
	Nights     []nightResult
	Nightly    metrics.Scores
	OneShot    metrics.Scores
	Continuity [2]continuity // nightly, one-shot
	Idempotent bool
	Rerun      report.StateCounts
}

// continuity counts how gold stories that span nights kept their ids.
type continuity struct {
	Stories     int // gold stories on two or more nights
	Steps       int // night-to-night continuations of those stories
	Kept        int // steps whose majority id stayed the same
	OneIDShare  float64
	StepsShare  float64
	SingleIDStr int // stories whose documents all got one id
}

// runNights runs the whole simulation in dir.
func runNights(ctx context.Context, cfg pipeline.Config, corpus, dir string) (*simulation, error) {
	ci, err := split(corpus, dir)
	if err != nil {
		return nil, err
	}
	stateDir := filepath.Join(dir, "state")
	os.RemoveAll(stateDir)
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		return nil, err
	}
	sim := &simulation{}
	pred := map[string]string{}
	for _, n := range ci.nights {
		start := time.Now()
		rep, err := runNight(ctx, cfg, ci.files[n], stateDir)
		if err != nil {
			return nil, fmt.Errorf("night %s: %w", n, err)
		}
		fi, _ := os.Stat(filepath.Join(stateDir, state.FileName))
		sim.Nights = append(sim.Nights, nightResult{Night: n, Documents: rep.Counts.Documents,
			Counts: *rep.Counts.State, Seconds: time.Since(start).Seconds(), StateSize: int(fi.Size())})
		for _, s := range rep.Stories {
			for _, m := range s.Members {
				pred[m.ID] = s.ID
			}
		}
		if err := report.WriteFile(filepath.Join(dir, "report-"+n+".json"), rep); err != nil {
			return nil, err
		}
	}
	if err := sim.rerun(ctx, cfg, ci, stateDir); err != nil {
		return nil, err
	}
	one, err := pipeline.Run(ctx, cfg, []string{corpus})
	if err != nil {
		return nil, err
	}
	onePred := map[string]string{}
	for _, s := range one.Stories {
		for _, m := range s.Members {
			onePred[m.ID] = s.ID
		}
	}
	sim.Nightly, sim.OneShot = score(pred, ci.gold), score(onePred, ci.gold)
	sim.Continuity = [2]continuity{measure(pred, ci), measure(onePred, ci)}
	return sim, nil
}

// rerun runs the last night again and checks that the state is unchanged.
func (sim *simulation) rerun(ctx context.Context, cfg pipeline.Config, ci *corpusInfo, stateDir string) error {
	path := filepath.Join(stateDir, state.FileName)
	before, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rep, err := runNight(ctx, cfg, ci.files[ci.nights[len(ci.nights)-1]], stateDir)
	if err != nil {
		return fmt.Errorf("rerun: %w", err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sim.Idempotent, sim.Rerun = bytes.Equal(before, after), *rep.Counts.State
	return nil
}

func score(pred, gold map[string]string) metrics.Scores {
	p, g, _, _ := metrics.Align(pred, gold)
	return metrics.Compare(p, g)
}

// measure computes the continuity of pred over the gold stories that span
// nights.
func measure(pred map[string]string, ci *corpusInfo) continuity {
	// gold story → night → predicted id → count
	votes := map[string]map[string]map[string]int{}
	for id, g := range ci.gold {
		if votes[g] == nil {
			votes[g] = map[string]map[string]int{}
		}
		n := ci.night[id]
		if votes[g][n] == nil {
			votes[g][n] = map[string]int{}
		}
		votes[g][n][pred[id]]++
	}
	var c continuity
	for _, byNight := range votes {
		if len(byNight) < 2 {
			continue
		}
		c.Stories++
		ids := map[string]bool{}
		var prev string
		for k, n := range slices.Sorted(mapsKeys(byNight)) {
			for id := range byNight[n] {
				ids[id] = true
			}
			top := majority(byNight[n])
			if k > 0 {
				c.Steps++
				if top == prev {
					c.Kept++
				}
			}
			prev = top
		}
		if len(ids) == 1 {
			c.SingleIDStr++
		}
	}
	if c.Stories > 0 {
		c.OneIDShare = float64(c.SingleIDStr) / float64(c.Stories)
	}
	if c.Steps > 0 {
		c.StepsShare = float64(c.Kept) / float64(c.Steps)
	}
	return c
}

// majority returns the most frequent id (ties: the smallest).
func majority(counts map[string]int) string {
	best, bestN := "", -1
	for _, id := range slices.Sorted(mapsKeys(counts)) {
		if counts[id] > bestN {
			best, bestN = id, counts[id]
		}
	}
	return best
}
