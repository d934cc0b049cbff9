//go:build !unix

package main

// The run lock where flock(2) is missing: the lock file is created
// exclusively and removed on release. A lock left by a killed process is
// not recognised here; remove the file by hand.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

var errLocked = errors.New("another run holds the lock")

type runLock struct{ path string }

func acquireLock(path string) (*runLock, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		b, _ := os.ReadFile(path)
		return nil, "", fmt.Errorf("%w %s (%s)", errLocked, path, b)
	}
	if err != nil {
		return nil, "", fmt.Errorf("lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	fmt.Fprintf(f, "pid %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	f.Close()
	return &runLock{path: path}, "", nil
}

func (l *runLock) release() {
	if l != nil {
		os.Remove(l.path)
	}
}
