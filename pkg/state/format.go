package state

// The file format. A state file is
//
//	magic    8 bytes  "NCSTATE\x00"
//	version  4 bytes  big-endian uint32 (Version)
//	length   8 bytes  big-endian uint64: bytes of payload
//	payload  length bytes: gzip-compressed JSON of State
//	checksum 32 bytes: SHA-256 of everything before it
//
// The header says what the file is and which version wrote it; the length
// and the trailing checksum catch truncation and corruption before a byte of
// the payload is trusted, so that a damaged file is reported as such instead
// of being half read or silently replaced. The payload is JSON because it is
// easy to inspect (strip 20 bytes and the trailer, gunzip) and to evolve
// under a new version number; gzip keeps the sketches and stems small.
// Decompression stops at MaxPayload bytes, so a crafted file cannot exhaust
// memory. Files are written with report.AtomicWrite (temporary file, fsync,
// rename, directory fsync): a reader sees the old file or the new one.

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/newsclust/newsclust/pkg/report"
)

// Magic starts every state file.
const Magic = "NCSTATE\x00"

// FileName is the name of the state file inside a state directory.
const FileName = "newsclust.state"

// MaxPayload bounds the decompressed JSON of a state (1 GiB).
const MaxPayload = 1 << 30

const headerLen = len(Magic) + 4 + 8

// ErrCorrupt is wrapped by every error Decode returns for a damaged or
// foreign file (as opposed to one it cannot read at all).
var ErrCorrupt = errors.New("corrupt state")

// Encode writes s to w in the file format, after sorting it (see Sort). It
// holds the compressed payload in memory. It fails on non-finite numbers.
func Encode(w io.Writer, s *State) error {
	s.Sort()
	if err := s.Validate(); err != nil {
		return err
	}
	var payload bytes.Buffer
	zw := gzip.NewWriter(&payload)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	h := sha256.New()
	mw := io.MultiWriter(w, h)
	var hdr [headerLen]byte
	copy(hdr[:], Magic)
	binary.BigEndian.PutUint32(hdr[len(Magic):], Version)
	binary.BigEndian.PutUint64(hdr[len(Magic)+4:], uint64(payload.Len()))
	if _, err := mw.Write(hdr[:]); err != nil {
		return err
	}
	if _, err := mw.Write(payload.Bytes()); err != nil {
		return err
	}
	_, err := w.Write(h.Sum(nil))
	return err
}

// Decode parses a whole state file. Every error for a damaged file wraps
// ErrCorrupt and says what is wrong (truncated, checksum mismatch, bad
// payload, unknown version).
func Decode(b []byte) (*State, error) {
	if len(b) < headerLen+sha256.Size {
		magic := []byte(Magic)
		if !bytes.HasPrefix(b, magic) && !bytes.HasPrefix(magic, b) {
			return nil, fmt.Errorf("%w: not a newsclust state file", ErrCorrupt)
		}
		return nil, fmt.Errorf("%w: truncated (%d bytes)", ErrCorrupt, len(b))
	}
	if string(b[:len(Magic)]) != Magic {
		return nil, fmt.Errorf("%w: not a newsclust state file", ErrCorrupt)
	}
	if v := binary.BigEndian.Uint32(b[len(Magic):]); v != Version {
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrCorrupt, v, Version)
	}
	n := binary.BigEndian.Uint64(b[len(Magic)+4:])
	if want := uint64(len(b) - headerLen - sha256.Size); n != want {
		if n > want {
			return nil, fmt.Errorf("%w: truncated (payload of %d bytes, %d present)", ErrCorrupt, n, want)
		}
		return nil, fmt.Errorf("%w: %d bytes of trailing garbage", ErrCorrupt, want-n)
	}
	body := b[:len(b)-sha256.Size]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], b[len(body):]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	s, err := decodePayload(body[headerLen:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return s, nil
}

// decodePayload gunzips and parses the JSON payload.
func decodePayload(p []byte) (*State, error) {
	zr, err := gzip.NewReader(bytes.NewReader(p))
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	js, err := io.ReadAll(io.LimitReader(zr, MaxPayload+1))
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	if len(js) > MaxPayload {
		return nil, fmt.Errorf("payload larger than %d bytes", MaxPayload)
	}
	s := &State{}
	if err := json.Unmarshal(js, s); err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Validate checks what the format cannot: story ids present and unique,
// finite numbers, sketches no longer than Sketch.K.
func (s *State) Validate() error {
	if !finite(s.DF.Docs) || s.DF.Docs < 0 {
		return fmt.Errorf("state: bad document count %v", s.DF.Docs)
	}
	for t, c := range s.DF.Counts {
		if !finite(c) || c < 0 {
			return fmt.Errorf("state: bad document frequency %v for %q", c, t)
		}
	}
	seen := make(map[string]bool, len(s.Stories))
	for i := range s.Stories {
		st := &s.Stories[i]
		if st.ID == "" || seen[st.ID] {
			return fmt.Errorf("state: story %d: missing or repeated id %q", i, st.ID)
		}
		seen[st.ID] = true
		for _, t := range st.Centroid {
			if !finite(float64(t.Weight)) {
				return fmt.Errorf("state: story %s: bad centroid weight", st.ID)
			}
		}
		for _, d := range st.Docs {
			if len(d.Sketch) > s.Sketch.K || d.Shingles < 0 {
				return fmt.Errorf("state: story %s: bad sketch of %s", st.ID, d.ID)
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Load reads and decodes the state file at path. A missing file gives an
// error wrapping fs.ErrNotExist (the caller may start from an empty state);
// a damaged one an error wrapping ErrCorrupt. Both name the file.
func Load(path string) (*State, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load state: %w", err)
	}
	s, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("load state %s: %w", path, err)
	}
	return s, nil
}

// Save writes s to path atomically (see report.AtomicWrite).
func Save(path string, s *State) error {
	if err := report.AtomicWrite(path, func(w io.Writer) error { return Encode(w, s) }); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}
