package pipeline

// Reading and analysis overlap: the reader decodes records (itself in
// parallel) and hands them over in input order; batches of documents go to a
// pool of analyzers, one per worker, each with its own stemming cache over a
// shared vocabulary. Each batch keeps its own slice of results, so workers
// never write to memory another batch may move.

import (
	"context"
	"strings"
	"sync"

	"github.com/newsclust/newsclust/pkg/analysis"
	"github.com/newsclust/newsclust/pkg/corpus"
)

// doc is what the later stages keep of one document.
type doc struct {
	ID        string
	Title     string // the title, or the start of the first line of text
	Published int64  // Unix seconds; 0 when unknown

	title   []uint32 // title tokens
	tokens  []uint16 // body tokens, packed (tokens.go); boilerplate lines removed after that stage
	nTokens int32    // body tokens in tokens

	// The lines of the body, for the boilerplate stage only, which drops
	// them: lineEnds[i] is the offset in tokens where line i ends, in
	// packed units (a token takes one or three), lineHashes[i] its hash.
	lineEnds   []uint32
	lineHashes []uint64
}

// corpusData is the analysed corpus.
type corpusData struct {
	docs     []doc
	problems []corpus.Problem
	vocab    *analysis.Vocabulary
	skipped  int

	// freeTokens lets tokensDone drop the documents' tokens once the story
	// vectors are built, the last use of them. Run sets it; benchmarks that
	// run a stage again on the same corpus do not.
	freeTokens bool
}

// tokensDone is called when no later stage needs the documents' tokens: with
// freeTokens set, it drops them, so that their arena blocks (most of the live
// heap until then) are freed before story clustering.
func (cd *corpusData) tokensDone() {
	if !cd.freeTokens {
		return
	}
	for i := range cd.docs {
		cd.docs[i].title, cd.docs[i].tokens, cd.docs[i].nTokens = nil, nil, 0
	}
}

const batchSize = 256

type batch struct {
	docs []corpus.Document
	out  []doc
}

// ingest reads paths and analyses every document.
func ingest(ctx context.Context, cfg *Config, paths []string) (*corpusData, error) {
	vocab := analysis.NewVocabulary()
	work := make(chan *batch, 2*cfg.workers())
	var batches []*batch
	var wg sync.WaitGroup
	for range cfg.workers() {
		wg.Go(func() {
			a := analysis.NewAnalyzer(vocab, cfg.Lang)
			var res analysis.Result
			var ar arena
			for b := range work {
				for i := range b.docs {
					b.out[i] = analyse(a, &res, &ar, &b.docs[i])
				}
				b.docs = nil
			}
		})
	}
	cur := &batch{}
	read := 0
	flush := func() {
		cur.out = make([]doc, len(cur.docs))
		batches = append(batches, cur)
		work <- cur
		cur = &batch{}
	}
	problems, err := corpus.Read(ctx, paths, corpus.Options{MaxDocBytes: cfg.MaxDocBytes, Workers: cfg.workers()},
		func(d corpus.Document) error {
			cur.docs = append(cur.docs, d)
			if len(cur.docs) == batchSize {
				flush()
			}
			read++
			if read%4096 == 0 {
				cfg.progress("read", read, 0)
			}
			return nil
		})
	if len(cur.docs) > 0 {
		flush()
	}
	close(work)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	cd := &corpusData{problems: problems, vocab: vocab, docs: make([]doc, 0, read)}
	for _, b := range batches {
		cd.docs = append(cd.docs, b.out...)
	}
	return cd, nil
}

// arena hands out the token slices of documents from large shared blocks, so
// that a document costs no allocation of its own. A block stays alive while
// any document cut from it does. Tokens and line data are cut from separate
// blocks, so that the line data can be freed after the boilerplate stage
// while the tokens are still needed.
type arena struct {
	u32  []uint32
	u16  []uint16
	ends []uint32
	u64  []uint64

	enc     []uint16 // scratch: the packed body
	encEnds []uint32 // scratch: its line ends in enc
}

// arenaBlock is the size of a block, in elements.
const arenaBlock = 1 << 16

// copy32 returns a copy of s in the arena, with its capacity capped so that
// appending to it cannot overwrite a neighbour.
func (ar *arena) copy32(s []uint32) []uint32 {
	return copyInto(&ar.u32, s)
}

// copyEnds is copy32 for line ends, which have blocks of their own.
func (ar *arena) copyEnds(s []uint32) []uint32 {
	return copyInto(&ar.ends, s)
}

// copyInto copies s into the block *blk, starting a new block when it is full.
func copyInto(blk *[]uint32, s []uint32) []uint32 {
	if len(s) == 0 {
		return nil
	}
	if cap(*blk)-len(*blk) < len(s) {
		*blk = make([]uint32, 0, max(arenaBlock, len(s)))
	}
	start := len(*blk)
	*blk = append(*blk, s...)
	return (*blk)[start:len(*blk):len(*blk)]
}

// copy16 is copy32 for uint16 values.
func (ar *arena) copy16(s []uint16) []uint16 {
	if len(s) == 0 {
		return nil
	}
	if cap(ar.u16)-len(ar.u16) < len(s) {
		ar.u16 = make([]uint16, 0, max(2*arenaBlock, len(s)))
	}
	start := len(ar.u16)
	ar.u16 = append(ar.u16, s...)
	return ar.u16[start:len(ar.u16):len(ar.u16)]
}

// encodeBody packs the body tokens of res into ar.enc, with the end of
// each line in ar.encEnds.
func (ar *arena) encodeBody(res *analysis.Result) {
	ar.enc, ar.encEnds = ar.enc[:0], ar.encEnds[:0]
	start := uint32(0)
	for _, end := range res.LineEnds {
		for _, t := range res.Tokens[start:end] {
			ar.enc = appendPackedToken(ar.enc, t)
		}
		ar.encEnds = append(ar.encEnds, uint32(len(ar.enc)))
		start = end
	}
	for _, t := range res.Tokens[start:] { // none: every token is in a line
		ar.enc = appendPackedToken(ar.enc, t)
	}
}

// copy64 is copy32 for uint64 values.
func (ar *arena) copy64(s []uint64) []uint64 {
	if len(s) == 0 {
		return nil
	}
	if cap(ar.u64)-len(ar.u64) < len(s) {
		ar.u64 = make([]uint64, 0, max(arenaBlock/4, len(s)))
	}
	start := len(ar.u64)
	ar.u64 = append(ar.u64, s...)
	return ar.u64[start:len(ar.u64):len(ar.u64)]
}

// analyse analyses one document into its compact form.
func analyse(a *analysis.Analyzer, res *analysis.Result, ar *arena, d *corpus.Document) doc {
	a.Analyze(res, d.Title, d.Text, d.Lang)
	ar.encodeBody(res)
	out := doc{
		ID:         d.ID,
		Title:      displayTitle(d),
		title:      ar.copy32(res.Title),
		tokens:     ar.copy16(ar.enc),
		nTokens:    int32(len(res.Tokens)),
		lineEnds:   ar.copyEnds(ar.encEnds),
		lineHashes: ar.copy64(res.LineHashes),
	}
	if !d.Published.IsZero() {
		out.Published = d.Published.Unix()
	}
	return out
}

// maxTitleBytes bounds a title made from the text of an untitled document.
const maxTitleBytes = 160

// displayTitle returns the document's title, or the start of its text.
func displayTitle(d *corpus.Document) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	line := strings.TrimSpace(d.Text)
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = strings.TrimSpace(line[:i])
	}
	if len(line) > maxTitleBytes {
		cut := maxTitleBytes
		for cut > 0 && line[cut]&0xc0 == 0x80 {
			cut--
		}
		line = line[:cut] + "…"
	}
	return strings.Clone(line) // not a substring: that would keep the whole text alive
}
