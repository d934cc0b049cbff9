package main

// Logs and progress. Logs are structured (log/slog) on standard error, one
// line per stage, text by default or JSON for log collectors. The progress
// display is drawn only when standard error is a terminal: under cron it would
// fill the log with frames, so there it is off unless -progress asks for it.

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
)

// newLogger returns a logger writing to w in the given format and level.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad -log-level %q", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad -log-format %q (want text or json)", format)
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws one status line, at most ten times a second.
type progress struct {
	mu   sync.Mutex
	w    io.Writer
	last time.Time
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

// update shows stage and counts; total 0 means unknown. It is safe for concurrent use.
func (p *progress) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	if total > 0 {
		fmt.Fprintf(p.w, "\r\033[K%s %d/%d", stage, done, total)
	} else {
		fmt.Fprintf(p.w, "\r\033[K%s %d", stage, done)
	}
}

// done clears the status line. A nil progress does nothing.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}
