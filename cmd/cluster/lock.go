//go:build unix

package main

// The run lock. Cron may start a run while last night's is still going (a
// slow night, a clock change); two runs over one state directory would each
// save a state the other never saw. So a run takes an exclusive flock(2) on
// a lock file in the state directory (or the -lock file) before it reads
// anything, and a second run fails at once with exitLocked and a message
// naming the holder. The kernel releases a flock when its holder dies,
// however it dies, so a lock left by a killed process is simply free; the
// holder writes its pid, host and start time into the file and clears them
// on a clean exit, so a run that finds them still there knows it is taking
// over from a run that was killed, and says so. The file itself stays:
// removing a lock file while another process may be opening it would let
// two runs lock two different files.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// errLocked is wrapped by acquireLock's error when another process holds the lock.
var errLocked = errors.New("another run holds the lock")

// runLock is a held lock.
type runLock struct {
	f    *os.File
	path string
}

// acquireLock takes the lock at path without waiting. It returns the lock
// and, when the previous holder did not release it cleanly, that holder's
// description.
func acquireLock(path string) (*runLock, string, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, "", fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := readHolder(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, "", fmt.Errorf("%w %s (%s)", errLocked, path, holder)
		}
		return nil, "", fmt.Errorf("lock %s: %w", path, err)
	}
	prev := readHolder(f)
	host, _ := os.Hostname()
	info := fmt.Sprintf("pid %d on %s since %s", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := writeHolder(f, info); err != nil {
		f.Close()
		return nil, "", fmt.Errorf("lock %s: %w", path, err)
	}
	return &runLock{f: f, path: path}, prev, nil
}

// readHolder returns the description in a lock file, or "" if it is empty.
func readHolder(f *os.File) string {
	b, _ := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	return strings.TrimSpace(string(b))
}

// writeHolder replaces the lock file's content with info.
func writeHolder(f *os.File, info string) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt([]byte(info+"\n"), 0); err != nil {
		return err
	}
	return f.Sync()
}

// release clears the holder and frees the lock. A nil lock does nothing.
func (l *runLock) release() {
	if l == nil {
		return
	}
	l.f.Truncate(0)
	l.f.Sync()
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
