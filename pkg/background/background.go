// Package background holds background models of word frequencies: how often
// each stem occurs in a large general corpus. A nightly batch of a few hundred
// articles gives noisy document frequencies: in a batch of three, a word that
// two articles share looks as rare as a person's name. Blending the batch's
// counts with a background model's expected counts gives common words a low
// weight however small the batch, while words the model has never seen
// (names of people and places, new coinages) keep a high one. As the batch
// grows, its own counts outweigh the model.
//
// The English model (en.tsv.gz, made by gen.go) is built from SUBTLEX-US, 51
// million words of American English subtitles; see gen.go for its licence and
// how to rebuild it. It is embedded in the binary (175 KB).
package background

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
)

//go:embed en.tsv.gz
var englishModel []byte

// Model is a table of stem frequencies in a background corpus.
type Model struct {
	total  float64
	counts map[string]float64
}

// English returns the English model, parsing the embedded table; it allocates
// about 3 MB, so callers keep the result rather than call it per document.
func English() *Model {
	m, err := Parse(englishModel)
	if err != nil {
		panic("background: embedded English model: " + err.Error())
	}
	return m
}

// Parse reads a model from a gzip-compressed table of "stem<TAB>count" lines
// after a "#total<TAB>N" header.
func Parse(gz []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	m := &Model{counts: make(map[string]float64)}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		stem, count, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseFloat(count, 64)
		if !ok || err != nil || !(n >= 0) || math.IsInf(n, 1) {
			return nil, fmt.Errorf("line %d: want stem<TAB>count", line)
		}
		if stem == "#total" {
			m.total = n
			continue
		}
		m.counts[stem] = n
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if m.total <= 0 {
		return nil, fmt.Errorf("no #total line")
	}
	return m, nil
}

// DocFraction returns the expected fraction of documents of docLen words that
// contain stem at least once, treating occurrences as Poisson: 1 − e^(−p·docLen)
// with p the stem's share of the background's words. It is 0 for unknown stems.
func (m *Model) DocFraction(stem string, docLen float64) float64 {
	c, ok := m.counts[stem]
	if !ok {
		return 0
	}
	return -math.Expm1(-c / m.total * docLen)
}

// Len returns the number of stems in the model.
func (m *Model) Len() int { return len(m.counts) }
