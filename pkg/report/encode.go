package report

// Encoding. A report of a million articles is hundreds of megabytes of JSON,
// nearly all of it in two arrays, near_duplicates and stories, and
// encoding/json runs on one core. So Encode encodes the report with those two
// arrays empty, and their elements separately on all cores, each with the
// indentation it has inside the report, then splices them in. The bytes are
// exactly those of json.Encoder with SetIndent("", "  ") and no HTML
// escaping, which itself indents the compact encoding: a chunk of elements
// encoded compact and indented as an array with a prefix of two spaces is
// that chunk of the report's array.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Encode writes r to w as indented JSON.
func Encode(w io.Writer, r *Report) error {
	shell := *r
	shell.NearDuplicates, shell.Stories = []Group{}, []Story{}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&shell); err != nil {
		return err
	}
	dups, err := encodeArray(r.NearDuplicates)
	if err != nil {
		return err
	}
	stories, err := encodeArray(r.Stories)
	if err != nil {
		return err
	}
	out := head.Bytes()
	for _, part := range []struct {
		key  string
		body []byte
	}{{`"near_duplicates": []`, dups}, {`"stories": []`, stories}} {
		key := []byte("\n  " + part.key)
		at := bytes.Index(out, key)
		if at < 0 {
			return fmt.Errorf("report: %s not found in the encoded report", part.key)
		}
		end := at + len(key)
		if _, err := w.Write(out[:end-2]); err != nil { // up to the "[]"
			return err
		}
		if _, err := w.Write(part.body); err != nil {
			return err
		}
		out = out[end:]
	}
	_, err = w.Write(out)
	return err
}

// encodeArray returns the JSON of elems as an array at depth 1 of an
// indented object (null for a nil slice), encoding chunks of it on all cores:
// each chunk compact, as a slice, then indented as an array at that depth.
func encodeArray[T any](elems []T) ([]byte, error) {
	if elems == nil {
		return []byte("null"), nil
	}
	if len(elems) == 0 {
		return []byte("[]"), nil
	}
	workers := min(runtime.GOMAXPROCS(0), (len(elems)+255)/256)
	parts := make([]bytes.Buffer, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var compact bytes.Buffer
			enc := json.NewEncoder(&compact)
			enc.SetEscapeHTML(false)
			if errs[w] = enc.Encode(elems[w*len(elems)/workers : (w+1)*len(elems)/workers]); errs[w] != nil {
				return
			}
			errs[w] = json.Indent(&parts[w], bytes.TrimSuffix(compact.Bytes(), []byte("\n")), "  ", "  ")
		})
	}
	wg.Wait()
	size := 0
	for w := range parts {
		if errs[w] != nil {
			return nil, errs[w]
		}
		size += parts[w].Len()
	}
	// Each part is "[\n    ...\n  ]": join them with commas.
	const closing = "\n  ]"
	out := make([]byte, 0, size)
	for w := range parts {
		b := parts[w].Bytes()
		if w > 0 {
			out = append(out, ',')
			b = b[1:]
		}
		if w < len(parts)-1 {
			b = b[:len(b)-len(closing)]
		}
		out = append(out, b...)
	}
	return out, nil
}
