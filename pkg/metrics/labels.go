package metrics

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ReadLabels reads a JSONL corpus and maps each record's id to the value of
// field (a string, or a number in its JSON form). A record without the field
// maps to its own id when selfIfMissing is set (every document its own
// group), and is left out otherwise. Lines may be of any length.
func ReadLabels(path, field string, selfIfMissing bool) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make(map[string]string)
	br := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			if perr := addLabel(out, b, field, selfIfMissing); perr != nil {
				return nil, fmt.Errorf("read %s:%d: %w", path, line, perr)
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

// addLabel records the label of one JSON record; blank lines are ignored.
func addLabel(out map[string]string, b []byte, field string, selfIfMissing bool) error {
	var rec map[string]json.RawMessage
	if len(b) == 0 || (len(b) == 1 && b[0] == '\n') {
		return nil
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return err
	}
	id := labelString(rec["id"])
	if id == "" {
		return nil
	}
	switch v := labelString(rec[field]); {
	case v != "":
		out[id] = v
	case selfIfMissing:
		out[id] = id
	}
	return nil
}

// labelString returns a JSON string's value or a number's literal text.
func labelString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
		return string(raw)
	}
	return ""
}
