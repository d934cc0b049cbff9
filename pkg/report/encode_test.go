package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/newsclust/newsclust/pkg/corpus"
)

// reference is the plain encoding Encode must reproduce byte for byte.
func reference(t *testing.T, r *Report) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncodeMatchesEncoder(t *testing.T) {
	now := time.Date(2024, 6, 3, 12, 0, 0, 0, time.UTC)
	odd := &Report{
		Schema:         Schema,
		Run:            Run{Version: "x", Started: now, Finished: now, Timings: map[string]int64{"b": 2, "a": 1}},
		NearDuplicates: []Group{{ID: "dup-1", Canonical: "a<b>&c", Members: []Member{{ID: "a<b>&c", Similarity: 1}}}},
		Stories: []Story{
			{ID: "story-1", Headline: "Tab\there, \"quotes\", <html> & ünïcödé \u2028", TopTerms: []string{}, Size: 1,
				Members: []StoryMember{{ID: "a<b>&c", Title: "x", DuplicateGroup: "dup-1"}}},
			{ID: "story-2", Headline: "", Size: 0},
		},
		Errors: []corpus.Problem{{File: "f.jsonl", Line: 3, Message: "bad \"line\""}},
	}
	tests := []struct {
		name string
		r    *Report
	}{
		{"empty", &Report{Schema: Schema}},
		{"nil arrays", &Report{Schema: Schema, NearDuplicates: nil, Stories: nil}},
		{"escapes and empty fields", odd},
		{"one story", &Report{Schema: Schema, Stories: odd.Stories[:1]}},
		{"many stories, several chunks", benchReport(20000)},
	}
	for _, tt := range tests {
		for _, workers := range []int{0, 1, 3} {
			var got bytes.Buffer
			if err := EncodeWorkers(&got, tt.r, workers); err != nil {
				t.Fatalf("%s, %d workers: %v", tt.name, workers, err)
			}
			if want := reference(t, tt.r); !bytes.Equal(got.Bytes(), want) {
				n := 0
				for n < min(got.Len(), len(want)) && got.Bytes()[n] == want[n] {
					n++
				}
				t.Errorf("%s, %d workers: differs from json.Encoder at byte %d of %d:\n got %q\nwant %q", tt.name, workers, n, len(want),
					got.Bytes()[max(0, n-40):min(got.Len(), n+40)], want[max(0, n-40):min(len(want), n+40)])
			}
		}
	}
}
