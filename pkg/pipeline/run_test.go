package pipeline

import (
	"context"
	"encoding/json"
	"testing"
)

// TestWorkersSameResult checks that the stories and near-duplicate groups do
// not depend on the number of workers.
func TestWorkersSameResult(t *testing.T) {
	path, _ := writeFixture(t, 400)
	var out [2][]byte
	for k, workers := range []int{1, 3} {
		cfg := DefaultConfig()
		cfg.Workers = workers
		rep, err := Run(context.Background(), cfg, []string{path})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.NearDuplicates) == 0 || len(rep.Stories) >= rep.Counts.Documents {
			t.Fatalf("fixture too easy: %d groups, %d stories of %d documents", len(rep.NearDuplicates), len(rep.Stories), rep.Counts.Documents)
		}
		out[k], _ = json.Marshal([]any{rep.Stories, rep.NearDuplicates})
	}
	if string(out[0]) != string(out[1]) {
		t.Fatal("stories or near-duplicates differ between 1 and 3 workers")
	}
}
