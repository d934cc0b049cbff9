package report

// Encoding. A report of a million articles is hundreds of megabytes of JSON,
// nearly all of it in two arrays, near_duplicates and stories, and
// encoding/json runs on one core. So Encode encodes the report with those two
// arrays empty, and streams their elements in between, encoded in chunks on
// several goroutines (one a core unless EncodeWorkers is told fewer), each
// chunk with the indentation it has inside the report. The bytes are exactly
// those of json.Encoder with SetIndent("", "  ") and no HTML escaping, which
// itself indents the compact encoding: a chunk of elements encoded compact
// and indented as an array with a prefix of two spaces is that chunk of the
// report's array. Chunks go in rounds, one a goroutine, each written as soon
// as its round is done, so the buffers are reused and the report is never
// held whole in memory a second time.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Encode writes r to w as indented JSON, encoding on GOMAXPROCS goroutines.
// It is EncodeWorkers(w, r, 0).
func Encode(w io.Writer, r *Report) error { return EncodeWorkers(w, r, 0) }

// EncodeWorkers writes r to w as indented JSON, encoding the elements of its
// two large arrays on at most workers goroutines (GOMAXPROCS when workers is
// 0 or less). The bytes do not depend on workers. It holds at most workers
// chunks of arrayChunk elements in memory besides r.
func EncodeWorkers(w io.Writer, r *Report, workers int) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	shell := *r
	shell.NearDuplicates, shell.Stories = []Group{}, []Story{}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&shell); err != nil {
		return err
	}
	out := head.Bytes()
	for _, part := range []struct {
		key   string
		write func(io.Writer) error
	}{
		{`"near_duplicates": []`, func(w io.Writer) error { return writeArray(w, r.NearDuplicates, workers) }},
		{`"stories": []`, func(w io.Writer) error { return writeArray(w, r.Stories, workers) }},
	} {
		key := []byte("\n  " + part.key)
		at := bytes.Index(out, key)
		if at < 0 {
			return fmt.Errorf("report: %s not found in the encoded report", part.key)
		}
		end := at + len(key)
		if _, err := w.Write(out[:end-2]); err != nil { // up to the "[]"
			return err
		}
		if err := part.write(w); err != nil {
			return err
		}
		out = out[end:]
	}
	_, err := w.Write(out)
	return err
}

// arrayChunk is how many elements a core encodes at a time.
const arrayChunk = 1024

// writeArray writes the JSON of elems to w as an array at depth 1 of an
// indented object (null for a nil slice). Rounds of up to workers chunks are
// encoded concurrently, each chunk compact, as a slice, then indented as an
// array at that depth, and written in order.
func writeArray[T any](w io.Writer, elems []T, workers int) error {
	if elems == nil {
		_, err := io.WriteString(w, "null")
		return err
	}
	if len(elems) == 0 {
		_, err := io.WriteString(w, "[]")
		return err
	}
	chunks := (len(elems) + arrayChunk - 1) / arrayChunk
	bufs := make([]chunkBuffer, min(workers, chunks))
	for first := 0; first < chunks; first += len(bufs) {
		round := bufs[:min(len(bufs), chunks-first)]
		var wg sync.WaitGroup
		for k := range round {
			c := first + k
			wg.Go(func() { round[k].encode(elems[c*arrayChunk : min(len(elems), (c+1)*arrayChunk)]) })
		}
		wg.Wait()
		for k := range round {
			if err := round[k].writeTo(w, first+k, chunks); err != nil {
				return err
			}
		}
	}
	return nil
}

// chunkBuffer holds one chunk of an array being encoded.
type chunkBuffer struct {
	compact, indented bytes.Buffer
	err               error
}

// encode encodes elems into b.indented as "[\n    ...\n  ]".
func (b *chunkBuffer) encode(elems any) {
	b.compact.Reset()
	b.indented.Reset()
	enc := json.NewEncoder(&b.compact)
	enc.SetEscapeHTML(false)
	if b.err = enc.Encode(elems); b.err != nil {
		return
	}
	b.err = json.Indent(&b.indented, bytes.TrimSuffix(b.compact.Bytes(), []byte("\n")), "  ", "  ")
}

// writeTo writes chunk c of n: its elements, after a comma unless it is the
// first, between the array's brackets only where the array starts and ends.
func (b *chunkBuffer) writeTo(w io.Writer, c, n int) error {
	if b.err != nil {
		return b.err
	}
	const closing = "\n  ]"
	out := b.indented.Bytes()
	if c > 0 {
		out[0] = ','
	}
	if c < n-1 {
		out = out[:len(out)-len(closing)]
	}
	_, err := w.Write(out)
	return err
}
