package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes r to path atomically: to a temporary file in the same
// directory, synced, then renamed over path.
func WriteFile(path string, r *Report) error {
	return AtomicWrite(path, func(w io.Writer) error { return Encode(w, r) })
}

// AtomicWrite calls write with a buffered temporary file in path's directory
// and, if it succeeds, makes it readable by all (0644), syncs it and renames
// it to path. On any error the
// temporary file is removed and path is left as it was.
func AtomicWrite(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err = write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("rename %s: %w", path, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// GroupID derives an id from the sorted member ids: a prefix and the first 16
// hex digits of their SHA-256.
func GroupID(prefix string, sortedIDs []string) string {
	h := sha256.New()
	io.WriteString(h, strings.Join(sortedIDs, "\x00"))
	return prefix + hex.EncodeToString(h.Sum(nil))[:16]
}
