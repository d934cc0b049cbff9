package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/newsclust/newsclust/pkg/report"
)

// readLabels maps each record id of a JSONL file to its field value.
func readLabels(path, field string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make(map[string]string)
	br := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 1 {
			var rec map[string]any
			if jerr := json.Unmarshal(b, &rec); jerr != nil {
				return nil, fmt.Errorf("read %s:%d: %w", path, line, jerr)
			}
			id, _ := rec["id"].(string)
			label, _ := rec[field].(string)
			if id != "" && label != "" {
				out[id] = label
			}
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s:%d: %w", path, line, err)
		}
	}
}

// predicted maps each document of a report to its story and to its
// near-duplicate group (itself when it has none).
func predicted(rep *report.Report) (story, dup map[string]string) {
	story, dup = make(map[string]string), make(map[string]string)
	for _, s := range rep.Stories {
		for _, m := range s.Members {
			story[m.ID] = s.ID
			dup[m.ID] = m.ID
			if m.DuplicateGroup != "" {
				dup[m.ID] = m.DuplicateGroup
			}
		}
	}
	return story, dup
}
