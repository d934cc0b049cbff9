package pipeline

// Benchmarks of the pipeline's own hot paths on a generated corpus of 2,000
// articles (fixture_test.go): shingling and signing, candidate verification
// (re-shingling both documents of each LSH candidate pair and comparing the
// exact sets), TF-IDF vector building, assembling the report, and the whole
// run. Per-document and per-pair figures are reported beside the byte rates.

import (
	"context"
	"testing"

	"github.com/newsclust/newsclust/pkg/shingle"
)

const benchDocs = 2000

// benchCorpus reads and analyses the fixture, drops boilerplate and returns
// the corpus with its configuration.
func benchCorpus(b *testing.B) (*Config, *corpusData, int64) {
	path, size := writeFixture(b, benchDocs)
	cfg := DefaultConfig()
	cfg.Workers = 1
	cd, err := ingest(context.Background(), &cfg, []string{path})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := dropBoilerplate(context.Background(), &cfg, cd); err != nil {
		b.Fatal(err)
	}
	return &cfg, cd, size
}

func perUnit(b *testing.B, n int, unit string) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/"+unit)
}

// BenchmarkSignatures shingles every document and signs it.
func BenchmarkSignatures(b *testing.B) {
	cfg, cd, _ := benchCorpus(b)
	hashes := cd.vocab.Hashes()
	sk := shingle.NewSketcher(cfg.Permutations)
	sigs := shingle.NewSignatures(len(cd.docs), cfg.Permutations)
	var s shingleScratch
	tokens := 0
	for i := range cd.docs {
		tokens += int(cd.docs[i].nTokens)
	}
	b.SetBytes(8 * int64(tokens))
	b.ReportAllocs()
	for b.Loop() {
		for i := range cd.docs {
			s.set = shingleList(s.set, &s, &cd.docs[i], hashes, cfg.ShingleSize)
			sk.Sign(sigs.At(i)[:0], s.set)
		}
	}
	perUnit(b, len(cd.docs), "doc")
}

// BenchmarkCandidates finds the near-duplicate candidates of the fixture
// (long articles) and of short texts (editedShortCopies: 600 short texts
// beside 300 long ones), with the main LSH index alone and with the short
// documents' index too, so that the second index's cost is measured in the
// same run.
func BenchmarkCandidates(b *testing.B) {
	short := writeJSONL(b, b.TempDir(), editedShortCopies(300))
	for _, corpus := range []struct {
		name string
		path string
	}{{"fixture", ""}, {"short", short}} {
		var cfg *Config
		var cd *corpusData
		if corpus.path == "" {
			cfg, cd, _ = benchCorpus(b)
		} else {
			c := DefaultConfig()
			c.Workers = 1
			var err error
			if cd, err = readClean(context.Background(), &c, []string{corpus.path}); err != nil {
				b.Fatal(err)
			}
			cfg = &c
		}
		res := bandings(cfg)
		main := *res
		main.shortBands, main.shortRows = 0, 0
		for _, idx := range []struct {
			name string
			res  *dupResult
		}{{"main", &main}, {"both", res}} {
			b.Run(corpus.name+"/"+idx.name, func(b *testing.B) {
				b.ReportAllocs()
				var n int
				for b.Loop() {
					pairs, _, err := allCandidates(context.Background(), cfg, cd, idx.res)
					if err != nil {
						b.Fatal(err)
					}
					n = len(pairs)
				}
				b.ReportMetric(float64(n), "pairs")
				perUnit(b, len(cd.docs), "doc")
			})
		}
	}
}

// BenchmarkVerifyPairs verifies LSH candidate pairs on their exact shingle sets.
func BenchmarkVerifyPairs(b *testing.B) {
	cfg, cd, _ := benchCorpus(b)
	bands, rows := shingle.OptimalParams(cfg.LSHThreshold, cfg.Permutations, 0.5, 0.5)
	pairs, distinct, err := allCandidates(context.Background(), cfg, cd, &dupResult{bands: bands, rows: rows})
	if err != nil || len(pairs) == 0 {
		b.Fatalf("no candidate pairs (%v)", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		verifyPairs(context.Background(), cfg, cd, pairs, distinct)
	}
	perUnit(b, len(pairs), "pair")
}

// BenchmarkVectors counts boosted terms and weighs TF-IDF vectors for every document.
func BenchmarkVectors(b *testing.B) {
	cfg, cd, _ := benchCorpus(b)
	dups, err := findDuplicates(context.Background(), cfg, cd)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		cfg := *cfg
		cfg.Story.Threshold = 2 // no merges: only the vectors and the graph
		cfg.Story.IndexTerms = 0
		if _, err := clusterStories(context.Background(), &cfg, cd, dups); err != nil {
			b.Fatal(err)
		}
	}
	perUnit(b, len(cd.docs), "doc")
}

// BenchmarkBuildReport assembles the near-duplicate groups and stories.
func BenchmarkBuildReport(b *testing.B) {
	cfg, cd, _ := benchCorpus(b)
	dups, err := findDuplicates(context.Background(), cfg, cd)
	if err != nil {
		b.Fatal(err)
	}
	sr, err := clusterStories(context.Background(), cfg, cd, dups)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		groups := buildGroups(cd, dups)
		buildStories(context.Background(), cd, dups, sr, groupIDsOf(groups, cd, dups), cfg.workers())
	}
	perUnit(b, len(cd.docs), "doc")
}

// BenchmarkRun runs the whole job on the fixture with the default workers.
func BenchmarkRun(b *testing.B) {
	path, size := writeFixture(b, benchDocs)
	cfg := DefaultConfig()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), cfg, []string{path}); err != nil {
			b.Fatal(err)
		}
	}
	perUnit(b, benchDocs, "doc")
}
