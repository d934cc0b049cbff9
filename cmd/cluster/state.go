package main

// Saved state for the command: -state DIR keeps what the next night needs
// (pkg/state) in DIR/newsclust.state and locks DIR/newsclust.lock for the
// length of the run (lock.go); -lock FILE locks without state. The order of
// a run with state is: take the lock (or fail at once with exitLocked),
// remove temporary files a killed run may have left beside the state or the
// report, load the state (a missing file starts afresh; a damaged one stops
// the run with exitNotWritten and a message, and is never replaced), run,
// write the report, and only then save the state. A crash before the state
// is saved leaves last night's state, and running the night again then gives
// the same report and state as an uninterrupted run; both files are written
// atomically, so a reader sees the old version or the new one, never half.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
)

// lockName is the lock file's name in a state directory.
const lockName = "newsclust.lock"

// stateFlags are the flags of saved state and locking.
type stateFlags struct {
	dir      string
	lockPath string
	retain   time.Duration
	cont     float64

	lock   *runLock
	st     *state.State
	logger *slog.Logger
}

// newStateFlags registers the state flags on fs.
func newStateFlags(fs *flag.FlagSet) *stateFlags {
	sf := &stateFlags{}
	fs.StringVar(&sf.dir, "state", "", "keep state between runs in `dir` (created if missing; locked while running)")
	fs.StringVar(&sf.lockPath, "lock", "", "hold a lock on `file` while running (default with -state: DIR/"+lockName+")")
	fs.DurationVar(&sf.retain, "retain", pipeline.DefaultRetain*time.Second, "with -state: forget stories idle for longer than this")
	fs.Float64Var(&sf.cont, "story-continue", 0, "with -state: average similarity at which a story continues a saved one, as -story-threshold merges clusters (0: the -story-threshold)")
	return sf
}

// open takes the lock, cleans up after a killed run and loads the state
// into cfg. It returns an exit status, or -1 to go on.
func (sf *stateFlags) open(cfg *pipeline.Config, out string, logger *slog.Logger, stderr io.Writer) int {
	sf.logger = logger
	if sf.retain < time.Second || !(sf.cont >= 0 && sf.cont <= 1) {
		fmt.Fprintln(stderr, "cluster: -retain must be at least 1s and -story-continue in [0, 1]")
		return exitUsage
	}
	if sf.dir != "" {
		if err := os.MkdirAll(sf.dir, 0o755); err != nil {
			fmt.Fprintln(stderr, "cluster: state directory:", err)
			return exitNotWritten
		}
		if sf.lockPath == "" {
			sf.lockPath = filepath.Join(sf.dir, lockName)
		}
	}
	if sf.lockPath != "" {
		if code := sf.takeLock(out, stderr); code >= 0 {
			return code
		}
	}
	if sf.dir == "" {
		return -1
	}
	st, err := state.Load(sf.statePath())
	switch {
	case errors.Is(err, fs.ErrNotExist):
		logger.Info("no saved state; starting afresh", "state", sf.statePath())
		st = &state.State{}
	case err != nil:
		fmt.Fprintf(stderr, "cluster: %v\ncluster: the state is left as it is; move it aside to start afresh\n", err)
		return exitNotWritten
	default:
		logger.Info("state loaded", "state", sf.statePath(), "stories", len(st.Stories), "df_docs", st.DF.Docs)
	}
	sf.st = st
	cfg.State, cfg.Retain, cfg.Continue = st, int64(sf.retain/time.Second), sf.cont
	return -1
}

// takeLock takes the lock and removes what a killed run left behind.
func (sf *stateFlags) takeLock(out string, stderr io.Writer) int {
	l, prev, err := acquireLock(sf.lockPath)
	if errors.Is(err, errLocked) {
		fmt.Fprintf(stderr, "cluster: %v; not starting\n", err)
		return exitLocked
	}
	if err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitNotWritten
	}
	sf.lock = l
	if prev != "" {
		sf.logger.Warn("took over the lock of a run that did not finish", "lock", sf.lockPath, "previous", prev)
	}
	if sf.dir != "" {
		sf.removeTemps(sf.statePath())
	}
	if out != "" && out != "-" {
		sf.removeTemps(out)
	}
	return -1
}

// removeTemps removes the temporary files report.AtomicWrite leaves beside
// path when its process is killed. Only a lock holder may call it.
func (sf *stateFlags) removeTemps(path string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, m := range matches {
		if os.Remove(m) == nil {
			sf.logger.Warn("removed a temporary file left by an interrupted run", "file", m)
		}
	}
}

func (sf *stateFlags) statePath() string { return filepath.Join(sf.dir, state.FileName) }

// save writes the state, if any. A nil receiver does nothing.
func (sf *stateFlags) save() error {
	if sf == nil || sf.st == nil {
		return nil
	}
	path := sf.statePath()
	err := report.AtomicWrite(path, pauseBeforeRename("state", path, func(w io.Writer) error { return state.Encode(w, sf.st) }))
	if err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	sf.logger.Info("state saved", "state", path, "stories", len(sf.st.Stories), "df_docs", sf.st.DF.Docs)
	return nil
}

// close releases the lock. A nil receiver does nothing.
func (sf *stateFlags) close() {
	if sf != nil {
		sf.lock.release()
	}
}
