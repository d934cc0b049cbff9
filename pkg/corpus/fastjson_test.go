package corpus

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// fastLines are records fastDecode must handle itself.
var fastLines = []string{
	`{}`,
	` { "id" : "a" , "title" : "T" , "text" : "x" } `,
	`{"id":"a","text":"line\nnext \"quoted\" \\ \/ \b\f\r\t é \u00e9 \ud83d\ude42 \u0000"}`,
	`{"id":12,"text":"x"}`,
	`{"id":-1.5e+3,"text":"x"}`,
	`{"id":0.25E-2,"text":"x"}`,
	`{"id":null,"text":"x"}`,
	`{"id":{"a":[1,2,{"b":null}]},"text":"x"}`,
	`{"ID":"a","Title":"T","TEXT":"x","Published":"2024-01-02","URL":"u","Source":"s","LANG":"en"}`,
	`{"id":"a","text":"first","text":"second","title":"t","title":null}`,
	`{"id":"a","text":"\ud800 lone, \udc00 low, \ud800\u0041 unpaired"}`,
	`{"id":"a","text":"x","extra":[true,false,null,"s\u1234",-0,{"k":"v","":[]}],"more":{}}`,
	`{"id":"a","text":"x","bad utf8 skipped":"` + "\xff\xfe" + `"}`,
	`{"id":"a","published":"2024-01-02T03:04:05Z","url":"https://x/y?a=1&b=2"}`,
}

// slowLines are lines fastDecode must leave to encoding/json.
var slowLines = []string{
	`{"id":"a","text":"x"`,
	`{"id":"a","text":"x"} x`,
	`{"id":"a","text":"x",}`,
	`{"id":"a","title":5}`,
	`{"id":"a","text":["x"]}`,
	`{"id":"a","text":"` + "\xff" + `"}`,
	`{"i\u0064":"a","text":"x"}`,
	`{"ſource":"a","id":"a"}`,
	`{"id":"a","text":"x` + "\t" + `y"}`,
	`{"id":"a","text":"\x"}`,
	`{"id":"a","text":"\'"}`,
	`{"id":"a","text":"\u12"}`,
	`{"id":01,"text":"x"}`,
	`{"id":1.,"text":"x"}`,
	`{"id":-,"text":"x"}`,
	`{"id":tru,"text":"x"}`,
	`{"id":"a","deep":` + string(bytes.Repeat([]byte("["), fastMaxDepth+1)) + string(bytes.Repeat([]byte("]"), fastMaxDepth+1)) + `}`,
}

func TestFastDecode(t *testing.T) {
	for _, line := range fastLines {
		d := decoder{}
		if !d.fastDecode([]byte(line)) {
			t.Errorf("fastDecode gave up on %s", line)
		}
		checkAgainstJSON(t, []byte(line))
	}
	for _, line := range slowLines {
		d := decoder{}
		if d.fastDecode([]byte(line)) {
			t.Errorf("fastDecode accepted %s", line)
		}
	}
	for _, line := range bytes.Split(benchJSONL(50), []byte("\n")) {
		if d := (decoder{}); len(line) > 0 && !d.fastDecode(line) {
			t.Fatalf("fastDecode gave up on %s", line)
		}
	}
}

// checkAgainstJSON fails t if fastDecode accepts line but decodes it
// differently from json.Unmarshal.
func checkAgainstJSON(t *testing.T, line []byte) {
	t.Helper()
	d := decoder{buf: []byte("scratch")}
	if !d.fastDecode(line) {
		return
	}
	var want record
	if err := json.Unmarshal(line, &want); err != nil {
		t.Fatalf("fastDecode accepted %q, json.Unmarshal: %v", line, err)
	}
	if want.ID == nil {
		want.ID = json.RawMessage{} // reflect.DeepEqual tells nil from empty
	}
	if d.rec.ID == nil {
		d.rec.ID = json.RawMessage{}
	}
	if !reflect.DeepEqual(d.rec, want) {
		t.Fatalf("line %q:\nfastDecode %+v\njson       %+v", line, d.rec, want)
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, line := range append(append([]string{}, fastLines...), slowLines...) {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkAgainstJSON(t, line)
	})
}
