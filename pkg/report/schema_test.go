package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/newsclust/newsclust/pkg/corpus"
)

// validate checks v against the subset of JSON Schema the report schema uses:
// type, const, enum, required, properties and items.
func validate(schema map[string]any, v any, path string) error {
	if c, ok := schema["const"]; ok && c != v {
		return fmt.Errorf("%s: %v, want %v", path, v, c)
	}
	if e, ok := schema["enum"].([]any); ok && !slices.Contains(e, v) {
		return fmt.Errorf("%s: %v not in %v", path, v, e)
	}
	if t, ok := schema["type"]; ok && !hasType(t, v) {
		return fmt.Errorf("%s: %T is not %v", path, v, t)
	}
	switch x := v.(type) {
	case map[string]any:
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := x[r.(string)]; !ok {
				return fmt.Errorf("%s: missing %s", path, r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, val := range x {
			if ps, ok := props[k].(map[string]any); ok {
				if err := validate(ps, val, path+"."+k); err != nil {
					return err
				}
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, val := range x {
				if err := validate(items, val, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func hasType(t, v any) bool {
	if list, ok := t.([]any); ok {
		return slices.ContainsFunc(list, func(one any) bool { return hasType(one, v) })
	}
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}

func loadJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestReportsMatchSchema(t *testing.T) {
	raw, err := os.ReadFile("../../newsclust.report.v1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schema := loadJSON(t, raw)
	golden, err := os.ReadFile("../../testdata/golden/seeds.report.json")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 3, 9, 0, 0, 0, time.UTC)
	full := &Report{
		Schema: Schema,
		Run: Run{Version: "test", Started: at, Finished: at, Inputs: []string{"x.jsonl"}, Timings: map[string]int64{"read_analyse": 3},
			Params: Params{State: &StateParams{ContinueThreshold: 0.3, RetainHours: 168},
				ShortIndex: &ShortIndex{MaxShingles: 128, DupThreshold: 0.35, Bands: 64, Rows: 2}}},
		Counts: Counts{Documents: 3, Skipped: 1, NearDuplicateGroups: 1, NearDuplicateDocs: 2, Stories: 2, State: &StateCounts{New: 1, Updated: 1}},
		NearDuplicates: []Group{{ID: "dup-1", Canonical: "a", Members: []Member{
			{ID: "a", Similarity: 1, Containment: 1}, {ID: "b", Similarity: 0.7, Containment: 0.9}}}},
		Stories: []Story{
			{ID: "story-1", Size: 2, Headline: "h", TopTerms: []string{"x"}, FirstPublished: &at, LastPublished: &at, Status: StatusUpdated,
				Members: []StoryMember{{ID: "a", Title: "A", DuplicateGroup: "dup-1"}, {ID: "b", Title: "B", DuplicateGroup: "dup-1"}}},
			{ID: "story-2", Size: 1, Headline: "c", TopTerms: []string{}, Status: StatusNew, Members: []StoryMember{{ID: "c", Title: "C"}}},
		},
		EarlierDuplicates: []EarlierDuplicate{{ID: "c", Of: "z", Story: "story-0", Similarity: 0.8, Containment: 0.9}},
		Errors:            []corpus.Problem{{File: "x.jsonl", Line: 4, Message: "malformed JSON", Skipped: true}},
	}
	var b bytes.Buffer
	if err := Encode(&b, full); err != nil {
		t.Fatal(err)
	}
	withState := loadJSON(t, b.Bytes())
	seeds := loadJSON(t, golden)
	seeds["run"] = withState["run"] // the golden file zeroes its run block
	for name, doc := range map[string]map[string]any{"golden seeds report": seeds, "report with state": withState} {
		if err := validate(schema, doc, "report"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The validator must reject what the schema forbids.
	bad := loadJSON(t, b.Bytes())
	bad["stories"].([]any)[0].(map[string]any)["top_terms"] = nil
	if validate(schema, bad, "report") == nil {
		t.Error("a null top_terms passed the schema")
	}
}
