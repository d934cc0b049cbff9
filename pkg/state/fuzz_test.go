package state

// Fuzzing the state loader: Decode must never panic, and whatever it
// accepts must be valid and survive Encode and Decode unchanged. Most seeds
// carry a correct header and checksum around a hostile payload, so that the
// fuzzer starts past the checksum and reaches gzip and JSON: truncated gzip,
// invalid UTF-8, NUL bytes, deeply nested JSON, numbers where strings belong.
// A state file over 16 MB is exercised by TestDecodeLarge instead of a seed
// (see the note on seed sizes in pkg/corpus/fuzz_test.go).

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
)

// frame wraps a raw payload in a header and a correct checksum.
func frame(payload []byte) []byte {
	b := []byte(Magic)
	b = binary.BigEndian.AppendUint32(b, Version)
	b = binary.BigEndian.AppendUint64(b, uint64(len(payload)))
	b = append(b, payload...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// gz compresses s.
func gz(s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Bytes()
}

func FuzzDecode(f *testing.F) {
	good := encode(f, sample())
	js := `{"updated":1,"sketch":{"k":2},"df":{"docs":1,"counts":{"a":1}},"stories":[{"id":"s","members":[{"id":"d","t":5}],"docs":[{"id":"d","n":3,"h":"AQAAAAIAAAA="}]}]}`
	seeds := [][]byte{
		good,
		good[:len(good)/2],
		frame(gz(js)),
		frame(gz(js)[:20]), // truncated gzip
		frame([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")),
		frame([]byte(js)), // not gzip at all
		frame(gz(`{"stories":[{"id":"\xff\xfe","headline":"caf\xe9","members":[{"id":"\xc3\x28"}]}]}`)),
		frame(gz("{\"stories\":[{\"id\":\"a\x00b\",\"members\":[\"\\u0000\"]}]}\x00\x00")),
		frame(gz(strings.Repeat(`{"stories":[`, 20000))),
		frame(gz(`{"updated":"yesterday","df":{"docs":"many","counts":{"a":"1"}},"stories":[{"id":7,"first_seen":"x","centroid":[{"s":1,"w":"heavy"}],"members":[1,2]}]}`)),
		frame(gz(`{"df":{"docs":1e400},"stories":[{"id":"a","centroid":[{"s":"x","w":1e300}]}]}`)),
		frame(gz(`{"stories":[{"id":"a"},{"id":"a"}]}`)),
		frame(gz(`null`)),
		frame(gz(`[]`)),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Decode accepted an invalid state: %v", err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, s); err != nil {
			t.Fatalf("Encode of a decoded state: %v", err)
		}
		again, err := Decode(buf.Bytes())
		if err != nil {
			t.Fatalf("Decode of a re-encoded state: %v", err)
		}
		if !reflect.DeepEqual(s, again) {
			t.Fatalf("round trip changed the state")
		}
	})
}

func TestDecodeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes a 17 MB headline")
	}
	s := sample()
	long := strings.Repeat("long headline ", (17<<20)/14)
	s.Stories[0].Headline = long
	got, err := Decode(encode(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if got.Stories[1].Headline != long {
		t.Fatal("long headline lost")
	}
}
