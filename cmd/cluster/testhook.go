package main

// A test hook for the kill test (state_test.go). When the environment
// variable NEWSCLUST_TEST_PAUSE names a file kind ("report" or "state"), the
// job writes that file's temporary copy completely, says so on standard
// error, and sleeps before renaming it, so that the test can kill the
// process at exactly that point. Without the variable it does nothing.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// pauseEnv is the environment variable read by pauseBeforeRename.
const pauseEnv = "NEWSCLUST_TEST_PAUSE"

// pauseBeforeRename wraps the write function of report.AtomicWrite for the
// file kind (see the file comment).
func pauseBeforeRename(kind, path string, write func(io.Writer) error) func(io.Writer) error {
	if !strings.Contains(","+os.Getenv(pauseEnv)+",", ","+kind+",") {
		return write
	}
	return func(w io.Writer) error {
		if err := write(w); err != nil {
			return err
		}
		if bw, ok := w.(*bufio.Writer); ok {
			bw.Flush()
		}
		fmt.Fprintf(os.Stderr, "cluster: test pause before renaming %s\n", path)
		time.Sleep(time.Minute)
		return nil
	}
}
