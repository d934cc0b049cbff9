// This file runs the JSONL pipeline of one input: one goroutine splits lines,
// a pool of workers decodes them, and the caller's goroutine emits the
// results strictly in input order.
//
// The splitter copies lines out of the bufio window into a batch (one byte
// buffer plus the span of each line, up to batchLines lines or about
// batchBytes bytes) and sends the batch on two channels: order, which the
// emitter reads in sequence, and jobs, which the workers share. A worker
// decodes every line of a batch into items (a document, a problem, or both)
// and signals the batch's done channel; the emitter waits for the batch at
// the head of order, delivers its items, and recycles the batch. Lines the
// splitter itself cannot use (too long, a broken gzip stream) travel in the
// batch as spans carrying a message, so every problem lands in line order.
// Since delivery, and thus the duplicate-id check, is sequential, the output
// is the same for any number of workers.
//
// The capacity of order bounds the batches in flight, and so memory, to
// about 2*Workers+2 batches. Emitted batches are recycled through a free
// list that the reader keeps for all its inputs, so that a directory of
// small files does not allocate buffers for each.
//
// On cancellation or an emit error the emitter cancels the pipeline's
// context and waits for its goroutines, so none outlives the call and the
// input is not read after it returns. The splitter notices cancellation
// between reads: on a pipe or terminal that blocks, the call returns once
// the pending read does.

package corpus

import (
	"context"
	"fmt"
	"io"
	"sync"
)

const (
	batchLines = 256     // lines per batch
	batchBytes = 1 << 20 // bytes per batch, past which it is sent early
	maxReuse   = 8 << 20 // larger batch buffers are not recycled
)

// span locates one line of a batch.
type span struct {
	line       int    // 1-based line number
	start, end int    // the line is batch.data[start:end]
	msg        string // if set, the line could not be read: a problem, no data
}

// item is the outcome of one line.
type item struct {
	line int
	doc  Document // set when ok
	ok   bool     // doc is usable
	msg  string   // why the line was skipped, or a warning about doc
}

// batch is a unit of work of the pipeline.
type batch struct {
	data  []byte
	spans []span
	items []item
	done  chan struct{} // receives one value when items are ready
}

// pipeline is the JSONL pipeline of one input.
type pipeline struct {
	lr      *lineReader
	gz      bool
	name    string
	maxDoc  int
	workers int

	order   chan *batch // batches in input order, for the emitter
	jobs    chan *batch // batches to decode, for the workers
	free    chan *batch // recycled batches, shared by the inputs of a reader
	dataCap int         // capacity for new batch buffers: the largest sent
}

// newFreeList returns a channel to recycle the batches of pipelines run one
// after the other with the given number of workers.
func newFreeList(workers int) chan *batch {
	return make(chan *batch, 2*workers+2)
}

// run decodes the input with p.workers workers and hands each item to
// deliver, in order. It returns ctx's error if ctx is cancelled, or the
// first error of deliver.
func (p *pipeline) run(ctx context.Context, deliver func(item) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p.order = make(chan *batch, 2*p.workers)
	p.jobs = make(chan *batch, p.workers)
	if p.free == nil {
		p.free = newFreeList(p.workers)
	}

	var wg sync.WaitGroup
	wg.Go(func() { p.split(ctx) })
	for range p.workers {
		wg.Go(func() { p.work(ctx) })
	}
	err := p.emit(ctx, deliver)
	cancel()
	wg.Wait()
	return err
}

// emit delivers the items of each batch in order.
func (p *pipeline) emit(ctx context.Context, deliver func(item) error) error {
	for b := range p.order {
		select {
		case <-b.done:
		case <-ctx.Done():
			return fmt.Errorf("read %s: %w", p.name, ctx.Err())
		}
		for _, it := range b.items {
			if err := deliver(it); err != nil {
				return err
			}
		}
		p.recycle(b)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read %s: %w", p.name, err)
		}
	}
	// The splitter also stops early when ctx is cancelled.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("read %s: %w", p.name, err)
	}
	return nil
}

// split reads lines into batches and sends them to order and jobs until the
// input ends, breaks, or ctx is cancelled. It closes both channels.
func (p *pipeline) split(ctx context.Context) {
	defer close(p.jobs)
	defer close(p.order)
	b := p.get()
	for {
		start := len(b.data)
		var (
			n   int
			err error
		)
		b.data, n, err = p.lr.next(b.data)
		switch {
		case err == nil && isBlank(b.data[start:]):
			b.data = b.data[:start]
			continue
		case err == nil:
			b.spans = append(b.spans, span{line: p.lr.line, start: start, end: len(b.data)})
		case err == errTooLong:
			msg := fmt.Sprintf("record of %d bytes exceeds the limit (%d bytes)", n, p.lr.limit)
			b.spans = append(b.spans, span{line: p.lr.line, msg: msg})
		default: // io.EOF, or the stream broke at line p.lr.line+1
			if err != io.EOF {
				b.spans = append(b.spans, span{line: p.lr.line + 1, msg: streamErrText(err, p.gz)})
			}
			if len(b.spans) > 0 {
				p.send(ctx, b)
			}
			return
		}
		if len(b.spans) >= batchLines || len(b.data) >= batchBytes {
			if !p.send(ctx, b) {
				return
			}
			b = p.get()
		}
	}
}

// send hands b to the emitter and to the workers. It reports false if ctx
// was cancelled first.
func (p *pipeline) send(ctx context.Context, b *batch) bool {
	p.dataCap = max(p.dataCap, min(cap(b.data), maxReuse))
	select {
	case p.order <- b:
	case <-ctx.Done():
		return false
	}
	select {
	case p.jobs <- b:
		return true
	case <-ctx.Done():
		return false
	}
}

// work decodes batches until jobs is closed. After cancellation it only
// drains jobs.
func (p *pipeline) work(ctx context.Context) {
	d := decoder{name: p.name, maxDoc: p.maxDoc}
	for b := range p.jobs {
		if ctx.Err() == nil {
			for _, s := range b.spans {
				if s.msg != "" {
					b.items = append(b.items, item{line: s.line, msg: s.msg})
					continue
				}
				b.items = append(b.items, d.decode(b.data[s.start:s.end], s.line))
			}
		}
		b.done <- struct{}{}
	}
}

// get returns an empty batch, recycled if one is free. A new batch starts
// with the buffer capacity earlier batches grew to, not to grow again.
func (p *pipeline) get() *batch {
	select {
	case b := <-p.free:
		return b
	default:
		return &batch{data: make([]byte, 0, p.dataCap), done: make(chan struct{}, 1)}
	}
}

// recycle empties b and keeps it for reuse unless its buffer grew too big.
func (p *pipeline) recycle(b *batch) {
	if cap(b.data) > maxReuse {
		return
	}
	clear(b.items) // drop references to the emitted documents
	b.data, b.spans, b.items = b.data[:0], b.spans[:0], b.items[:0]
	select {
	case p.free <- b:
	default:
	}
}
