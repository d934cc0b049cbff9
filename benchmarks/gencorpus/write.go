package main

// This file renders the planned articles in parallel and writes them in
// order: workers take fixed chunks of articles, encode them as JSON lines
// into reused buffers (compressing them when asked), and the writer emits
// the chunks in chunk order, with a bounded number in flight.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"time"
)

// start is the publication time of the corpus's first second.
var start = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

// chunkSize is how many articles a worker renders at a time.
const chunkSize = 1024

// chunk is one rendered run of articles, ready to write.
type chunk struct {
	data []byte
	raw  int // bytes of JSON before compression
}

// write renders the plan's articles in chunks on workers goroutines and
// writes the chunks in order, so the output does not depend on the number
// of workers. With gz each chunk is compressed (at gzip.BestSpeed) as a
// gzip member of its own; concatenated members are one valid gzip stream. It returns the
// number of JSON bytes written (before compression).
func write(out io.Writer, p *pool, pl *plan, gz bool, workers int) (int64, error) {
	n := (len(pl.arts) + chunkSize - 1) / chunkSize
	results := make([]chan chunk, n)
	for i := range results {
		results[i] = make(chan chunk, 1)
	}
	jobs := make(chan int)
	slots := make(chan []byte, 2*workers) // buffers, also bounding chunks in flight
	for range cap(slots) {
		slots <- nil
	}
	done := make(chan struct{})
	defer close(done)
	go dispatch(n, jobs, done)
	for range workers {
		go work(p, pl, gz, jobs, slots, results)
	}
	var raw int64
	for _, res := range results {
		c := <-res
		if _, err := out.Write(c.data); err != nil {
			return raw, fmt.Errorf("writing: %w", err)
		}
		raw += int64(c.raw)
		slots <- c.data[:0]
	}
	return raw, nil
}

// dispatch hands out chunk numbers in order until done.
func dispatch(n int, jobs chan<- int, done <-chan struct{}) {
	defer close(jobs)
	for i := range n {
		select {
		case jobs <- i:
		case <-done:
			return
		}
	}
}

// work renders the chunks it is handed, each into a free buffer.
func work(p *pool, pl *plan, gz bool, jobs <-chan int, slots chan []byte, results []chan chunk) {
	w := newRenderer(p, pl)
	var zbuf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestSpeed)
	for c := range jobs {
		buf := <-slots
		lo, hi := c*chunkSize, min((c+1)*chunkSize, len(pl.arts))
		for i := lo; i < hi; i++ {
			buf = w.appendRecord(buf, i)
		}
		raw := len(buf)
		if gz {
			zbuf.Reset()
			zw.Reset(&zbuf)
			zw.Write(buf) // writes to a bytes.Buffer cannot fail
			zw.Close()
			buf = append(buf[:0], zbuf.Bytes()...)
		}
		results[c] <- chunk{buf, raw}
	}
}

// appendRecord appends article i as one JSON line.
func (w *renderer) appendRecord(dst []byte, i int) []byte {
	a := &w.pl.arts[i]
	title, body := w.render(i)
	pub := &w.p.pubs[a.pub]
	t := start.Add(time.Duration(a.t) * time.Second)
	dst = append(dst, `{"id":"`...)
	dst = appendID(dst, 'n', i)
	dst = append(dst, '"')
	dst = append(dst, `,"title":`...)
	dst = appendJSON(dst, title)
	dst = append(dst, `,"text":`...)
	dst = appendJSON(dst, body)
	dst = append(dst, `,"published":"`...)
	dst = t.AppendFormat(dst, time.RFC3339)
	dst = append(dst, `","url":`...)
	dst = appendURL(dst, host(pub.Host, pub.Name), t, title, i)
	dst = append(dst, `,"source":`...)
	dst = appendJSON(dst, pub.Name)
	dst = append(dst, `,"story":"`...)
	dst = appendID(dst, 's', int(a.story))
	dst = append(dst, `","dup_of":"`...)
	if a.dupOf >= 0 {
		dst = appendID(dst, 'n', int(a.dupOf))
	}
	return append(dst, "\"}\n"...)
}

// appendID appends an id: a letter and a zero-padded number ("n00000042"
// for article 42, "s000007" for story 7).
func appendID(dst []byte, kind byte, i int) []byte {
	width := 8
	if kind == 's' {
		width = 6
	}
	dst = append(dst, kind)
	num := strconv.Itoa(i)
	for range width - len(num) {
		dst = append(dst, '0')
	}
	return append(dst, num...)
}

// host returns a publisher's web host, made up from its name if unknown.
func host(h, name string) string {
	if h != "" {
		return h
	}
	var b []byte
	for i := 0; i < len(name); i++ {
		if c := lowerASCII(name[i]); c != 0 {
			b = append(b, c)
		}
	}
	return "www." + string(b) + ".com"
}

// appendURL appends https://host/yyyy/mm/dd/slug-of-the-title-nNNNNNNNN,
// JSON-quoted.
func appendURL(dst []byte, host string, t time.Time, title []byte, i int) []byte {
	dst = appendJSONBody(append(dst, `"https://`...), host)
	dst = t.AppendFormat(append(dst, '/'), "2006/01/02/")
	dst = appendSlug(dst, title)
	return append(appendID(append(dst, '-'), 'n', i), '"')
}

// appendSlug appends the first eight words of title in lower-case ASCII
// letters and digits, joined by '-'.
func appendSlug(dst, title []byte) []byte {
	words, inWord := 0, false
	for _, c := range title {
		l := lowerASCII(c)
		if l == 0 {
			inWord = false
			continue
		}
		if !inWord {
			if words == 8 {
				break
			}
			if words > 0 {
				dst = append(dst, '-')
			}
			words++
			inWord = true
		}
		dst = append(dst, l)
	}
	return dst
}

// lowerASCII returns c in lower case if it is an ASCII letter or digit,
// else 0.
func lowerASCII(c byte) byte {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return c
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	}
	return 0
}
