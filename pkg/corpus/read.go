// This file holds the entry points, Read and ReadJSONL, and the reader that
// one call of either shares across all its inputs.
//
// A reader carries the normalised options, the caller's emit function, the
// problems found so far and the set of ids already emitted. Every document,
// whatever its input, reaches the caller through reader.deliver, which runs on
// the caller's goroutine: the duplicate-id check and the order of documents
// and problems therefore never depend on scheduling. Read dispatches each path
// by kind: "-" and JSONL files go to the JSONL pipeline (lines.go splits,
// pipeline.go runs the workers, jsonl.go and fastjson.go decode), .txt files
// and directories to txt.go; text.go cleans what both produce.

package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// DefaultMaxDocBytes is the size limit of a document's title plus text used
// when Options.MaxDocBytes is 0.
const DefaultMaxDocBytes = 1 << 20

// minDocBytes is the smallest MaxDocBytes honoured: with at least 8 bytes,
// truncation always keeps one rune of a non-empty title or text.
const minDocBytes = 8

// Options controls reading. The zero value is usable.
type Options struct {
	// MaxDocBytes is the longest title+text kept per record, in bytes; 0 (or
	// a negative value) means DefaultMaxDocBytes, values below 8 count as 8.
	// Longer text is truncated at a rune boundary and a Problem is recorded
	// (the document is kept). A JSONL line longer than 4*MaxDocBytes + 1 MiB
	// is skipped without being held in memory whole.
	MaxDocBytes int

	// Workers is the number of goroutines decoding JSONL lines; 0 (or a
	// negative value) means runtime.GOMAXPROCS(0). Output order and
	// problems are identical for any value.
	Workers int
}

// normalized returns o with its defaults filled in.
func (o Options) normalized() Options {
	if o.MaxDocBytes <= 0 {
		o.MaxDocBytes = DefaultMaxDocBytes
	}
	o.MaxDocBytes = max(o.MaxDocBytes, minDocBytes)
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// recordLimit returns the length in bytes above which a JSONL line (or the
// part of a .txt file read) is not kept in memory.
func (o Options) recordLimit() int {
	const maxLimit = 1 << 40 // keeps 4*MaxDocBytes from overflowing
	if o.MaxDocBytes > (maxLimit-1<<20)/4 {
		return maxLimit
	}
	return 4*o.MaxDocBytes + 1<<20
}

// origin is where a document was first seen: an index into reader.inputs and
// a line number.
type origin struct {
	input int
	line  int
}

// reader is the state of one Read or ReadJSONL call.
type reader struct {
	opt      Options
	limit    int // opt.recordLimit(); tests may lower it
	emit     func(Document) error
	inputs   []string // input names, indexed by origin.input
	seen     map[string]origin
	problems []Problem
	free     chan *batch // recycled batches of the JSONL pipelines
}

func newReader(opt Options, emit func(Document) error) *reader {
	opt = opt.normalized()
	return &reader{
		opt:   opt,
		limit: opt.recordLimit(),
		emit:  emit,
		seen:  make(map[string]origin),
		free:  newFreeList(opt.Workers),
	}
}

// Read reads each path in order and calls emit once per usable document, in
// input order: the files of a directory in lexical order, JSONL records in
// line order.
//
// A path is "-" (JSONL from standard input, reported as "stdin"), a directory
// (walked recursively; each .txt file is one document, each .jsonl or
// .jsonl.gz file is read as JSONL, other files are ignored), a .jsonl,
// .jsonl.gz or .gz file (JSONL; gzip is recognised by its magic bytes, not
// its name) or a .txt file (one document). Ids are unique across all paths
// of one call: a later record reusing an id is skipped with a Problem.
//
// Problems (bad records, unreadable inputs) are returned in input order; they
// never stop reading. A problem has Skipped set unless its document was kept
// (truncated, or with an unparseable published time). A document has at most
// one problem; several warnings are joined by "; ".
//
// Read returns a non-nil error, wrapping ctx.Err() or the error of emit, only
// when ctx is cancelled or emit fails; it then stops (cancellation is checked
// per batch of 256 lines and per file) and returns the problems found so far.
// JSONL records are decoded by Options.Workers goroutines, but emit is always
// called from the goroutine that called Read. Emitted documents share no
// memory with Read's buffers.
func Read(ctx context.Context, paths []string, opt Options, emit func(Document) error) ([]Problem, error) {
	r := newReader(opt, emit)
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return r.problems, fmt.Errorf("read %s: %w", path, err)
		}
		if err := r.readPath(ctx, path); err != nil {
			return r.problems, err
		}
	}
	return r.problems, nil
}

// ReadJSONL reads one JSONL stream from src, plain or gzip-compressed
// (recognised by its magic bytes), and calls emit once per usable record in
// line order. name is used as Document.File and Problem.File. Errors and
// problems are as for Read. ReadJSONL does not use src after it returns.
func ReadJSONL(ctx context.Context, src io.Reader, name string, opt Options, emit func(Document) error) ([]Problem, error) {
	r := newReader(opt, emit)
	err := r.readJSONL(ctx, src, name)
	return r.problems, err
}

// inputKind tells how a file is read, from its name.
type inputKind int

const (
	kindOther inputKind = iota
	kindJSONL
	kindTxt
)

// kindOf returns how to read the file name. Inside a directory only .txt,
// .jsonl and .jsonl.gz files are read; a path given directly may also end
// in .gz.
func kindOf(name string, inDir bool) inputKind {
	name = strings.ToLower(name)
	switch {
	case strings.HasSuffix(name, ".txt"):
		return kindTxt
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".jsonl.gz"):
		return kindJSONL
	case !inDir && strings.HasSuffix(name, ".gz"):
		return kindJSONL
	}
	return kindOther
}

// readPath reads one path given to Read.
func (r *reader) readPath(ctx context.Context, path string) error {
	if path == "-" {
		return r.readJSONL(ctx, os.Stdin, "stdin")
	}
	fi, err := os.Stat(path)
	if err != nil {
		r.problem(path, 0, errText(err))
		return nil
	}
	if fi.IsDir() {
		return r.readDir(ctx, path)
	}
	switch kindOf(path, false) {
	case kindJSONL:
		return r.readJSONLFile(ctx, path)
	case kindTxt:
		return r.readTxtFile(path, txtID(filepath.Base(path)))
	}
	r.problem(path, 0, "unknown input type")
	return nil
}

// readJSONLFile opens path and reads it as JSONL.
func (r *reader) readJSONLFile(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, errText(err))
		return nil
	}
	defer f.Close()
	return r.readJSONL(ctx, f, path)
}

// addInput registers an input name and returns its index for origin.
func (r *reader) addInput(name string) int {
	r.inputs = append(r.inputs, name)
	return len(r.inputs) - 1
}

// problem records a problem about a record or input left out of the run.
func (r *reader) problem(file string, line int, msg string) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Message: msg, Skipped: true})
}

// warn records a problem about a document that is kept.
func (r *reader) warn(file string, line int, msg string) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Message: msg})
}

// deliver emits d unless its id was seen before, in which case it records a
// duplicate-id problem instead. warn, if not empty, is recorded as a problem
// of a document that is kept. input is d.File's index in r.inputs.
func (r *reader) deliver(d Document, input int, warn string) error {
	if first, dup := r.seen[d.ID]; dup {
		r.problem(d.File, d.Line, fmt.Sprintf("duplicate id %q (first at %s)", d.ID, r.where(first)))
		return nil
	}
	r.seen[d.ID] = origin{input: input, line: d.Line}
	if warn != "" {
		r.warn(d.File, d.Line, warn)
	}
	if err := r.emit(d); err != nil {
		return fmt.Errorf("read %s: emit: %w", r.where(origin{input, d.Line}), err)
	}
	return nil
}

// where formats an origin as "file:line", or "file" for line 0.
func (r *reader) where(o origin) string {
	if o.line == 0 {
		return r.inputs[o.input]
	}
	return fmt.Sprintf("%s:%d", r.inputs[o.input], o.line)
}

// errText returns the message of an error from the os or io/fs packages
// without the path, which Problem.File already holds.
func errText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
