package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// benchWords is the vocabulary of generated articles; a few words need
// JSON escapes or are not ASCII, as in real news text.
var benchWords = strings.Fields(`the a of to in and on for with that as by at from
	government minister said officials president election police court report
	market shares percent company billion year week city country people
	"quoted" l'été Zürich São-Paulo — 2024 1.5% $300 rebels troops ceasefire
	talks agreement parliament vote budget inflation central bank rates`)

// benchJSONL returns n JSONL records of about 3 KB of text each.
func benchJSONL(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(k int) string {
		var sb strings.Builder
		for i := range k {
			if i > 0 {
				sb.WriteByte(' ')
				if rng.IntN(15) == 0 {
					sb.WriteString(".\n\n")
				}
			}
			sb.WriteString(benchWords[rng.IntN(len(benchWords))])
		}
		return sb.String()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		rec := map[string]any{
			"id":        fmt.Sprintf("article-%06d", i),
			"title":     words(10),
			"text":      words(480),
			"published": base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339),
			"url":       fmt.Sprintf("https://news.example.com/2024/01/%06d.html", i),
			"source":    "Example News",
			"lang":      "en",
		}
		if err := enc.Encode(rec); err != nil {
			panic(err)
		}
	}
	return buf.Bytes()
}

func BenchmarkReadJSONL(b *testing.B) {
	data := benchJSONL(2000)
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			opt := Options{Workers: workers}
			for b.Loop() {
				n := 0
				probs, err := ReadJSONL(context.Background(), bytes.NewReader(data), "bench", opt, func(Document) error {
					n++
					return nil
				})
				if err != nil || len(probs) != 0 || n != 2000 {
					b.Fatalf("read %d docs, problems %v, err %v", n, probs, err)
				}
			}
		})
	}
}
