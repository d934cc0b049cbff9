// This file splits a byte stream into lines for the JSONL pipeline.
//
// openStream looks at the first two bytes of the input and, when they are the
// gzip magic bytes, decompresses it (concatenated gzip members included).
// lineReader then reads lines with bufio.Reader.ReadSlice, appending each to a
// caller-owned buffer, so a line of any length is read through a fixed 64 KiB
// window. A line longer than the record limit stops being copied as soon as
// it crosses the limit; the rest is read and dropped chunk by chunk, so an
// oversized line costs no more memory than the limit itself.

package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
)

// readBufSize is the size of the bufio.Reader windows over an input.
const readBufSize = 64 << 10

// utf8BOM is the UTF-8 byte order mark, stripped from the start of an input.
const utf8BOM = "\xef\xbb\xbf"

// errTooLong reports a line over the record limit; lineReader.next returns
// it with the line's length.
var errTooLong = errors.New("line too long")

// openStream returns a buffered reader of the content of src, decompressed if
// src starts with the gzip magic bytes 1f 8b. gz reports whether it was
// compressed. An error means that src could not be read at all (an empty
// src is not an error).
func openStream(src io.Reader) (r *bufio.Reader, gz bool, err error) {
	br := bufio.NewReaderSize(src, readBufSize)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, false, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, true, err
	}
	return bufio.NewReaderSize(zr, readBufSize), true, nil
}

// streamErrText returns the message of a Problem for an input that broke
// while being read, e.g. "gzip: unexpected EOF".
func streamErrText(err error, gz bool) string {
	msg := err.Error()
	switch {
	case !gz:
		return "read: " + msg
	case strings.HasPrefix(msg, "gzip: "):
		return msg
	}
	return "gzip: " + msg
}

// lineReader splits a stream into lines. It is not safe for concurrent use.
type lineReader struct {
	br    *bufio.Reader
	limit int // longest line kept, in bytes
	line  int // number of the last line returned (1-based)
}

// next reads the next line and appends it to buf without its "\n" or
// "\r\n" (and, on line 1, without a UTF-8 BOM). It returns the extended
// buffer and the line's length; lr.line is then that line's number.
//
// At the end of the input next returns io.EOF. If the line is longer than
// lr.limit, next discards it, returns buf unchanged, its length and
// errTooLong. If reading fails, next drops the partial line and returns the
// error; the line that broke is then lr.line+1.
func (lr *lineReader) next(buf []byte) ([]byte, int, error) {
	start, size := len(buf), 0
	for {
		chunk, err := lr.br.ReadSlice('\n')
		size += len(chunk)
		if size <= lr.limit+1 { // +1: the '\n' does not count
			buf = append(buf, chunk...)
		} else {
			buf = buf[:start]
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return buf, 0, io.EOF
		case err != nil && err != io.EOF:
			return buf[:start], 0, err
		}
		lr.line++
		if err == nil {
			size-- // the '\n'
		}
		if size > lr.limit {
			return buf[:start], size, errTooLong
		}
		return lr.trim(buf, start), size, nil
	}
}

// trim removes the line terminator from the line buf[start:], and the BOM
// from line 1.
func (lr *lineReader) trim(buf []byte, start int) []byte {
	end := len(buf)
	if end > start && buf[end-1] == '\n' {
		end--
	}
	if end > start && buf[end-1] == '\r' {
		end--
	}
	buf = buf[:end]
	if lr.line == 1 && bytes.HasPrefix(buf[start:], []byte(utf8BOM)) {
		buf = append(buf[:start], buf[start+len(utf8BOM):]...)
	}
	return buf
}

// isBlank reports whether line holds only ASCII white space.
func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}
