package background

import (
	"bytes"
	"compress/gzip"
	"math"
	"strings"
	"testing"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEnglish(t *testing.T) {
	m := English()
	if m.Len() <= 30000 {
		t.Errorf("Len() = %d, want > 30000", m.Len())
	}
	// The table holds "#total 49719560", "time 112017" and "telephon 1858";
	// expected values are 1 − e^(−count/total·docLen), worked out separately.
	tests := []struct {
		stem   string
		docLen float64
		want   float64
	}{
		{"time", 1, 0.002250440447928851},
		{"time", 100, 0.2017214237901174},
		{"time", 500, 0.6758303364387485},
		{"telephon", 500, 0.018511320591740356},
		{"time", 0, 0},
		{"zzqxjvw", 500, 0},   // unknown stem
		{"", 500, 0},          // empty stem
		{"Time", 500, 0},      // stems are lower case
		{"the", 500, 0},       // stop words are not in the table
		{"telephone", 500, 0}, // the table holds stems, not words
	}
	for _, tt := range tests {
		if got := m.DocFraction(tt.stem, tt.docLen); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("DocFraction(%q, %v) = %v, want %v", tt.stem, tt.docLen, got, tt.want)
		}
	}
}

func TestEnglishDocFractionOrder(t *testing.T) {
	m := English()
	for _, docLen := range []float64{10, 300, 1000} {
		common, rare := m.DocFraction("time", docLen), m.DocFraction("telephon", docLen)
		if !(0 < rare && rare < common && common < 1) {
			t.Errorf("docLen %v: DocFraction(time) = %v, DocFraction(telephon) = %v, want 0 < telephon < time < 1", docLen, common, rare)
		}
	}
	// It grows with the document's length.
	prev := 0.0
	for _, docLen := range []float64{1, 10, 100, 1000, 10000} {
		f := m.DocFraction("telephon", docLen)
		if f <= prev || f >= 1 {
			t.Errorf("DocFraction(telephon, %v) = %v after %v", docLen, f, prev)
		}
		prev = f
	}
}

func TestParse(t *testing.T) {
	m, err := Parse(gz(t, "#total\t100\nfoo\t10\nbar\t2.5\nzero\t0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != 3 {
		t.Errorf("Len() = %d, want 3 (#total is not a stem)", m.Len())
	}
	tests := []struct {
		stem   string
		docLen float64
		want   float64
	}{
		{"foo", 1, 0.09516258196404043},  // 1 − e^−0.1
		{"foo", 10, 0.6321205588285577},  // 1 − e^−1
		{"bar", 100, 0.9179150013761013}, // 1 − e^−2.5
		{"zero", 100, 0},
		{"baz", 100, 0},
		{"#total", 1, 0},
	}
	for _, tt := range tests {
		if got := m.DocFraction(tt.stem, tt.docLen); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("DocFraction(%q, %v) = %v, want %v", tt.stem, tt.docLen, got, tt.want)
		}
	}
	// The header may come anywhere, and a missing final newline is fine.
	m, err = Parse(gz(t, "foo\t10\n#total\t1000"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.DocFraction("foo", 100), 0.6321205588285577; math.Abs(got-want) > 1e-12 {
		t.Errorf("header last: DocFraction = %v, want %v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	truncated := gz(t, "#total\t100\n"+strings.Repeat("stem\t1\n", 1000))
	truncated = truncated[:len(truncated)/2]
	tests := []struct {
		name    string
		in      []byte
		wantErr string // a part of the error message, "" for any
	}{
		{"no #total", gz(t, "foo\t10\nbar\t2\n"), "no #total"},
		{"empty table", gz(t, ""), "no #total"},
		{"zero total", gz(t, "#total\t0\nfoo\t1\n"), "no #total"},
		{"negative total", gz(t, "#total\t-5\nfoo\t1\n"), "line 1"},
		{"line without a tab", gz(t, "#total\t100\nfoo 10\n"), "line 2"},
		{"count not a number", gz(t, "#total\t100\nfoo\t10\nbar\tmany\n"), "line 3"},
		{"negative count", gz(t, "#total\t100\nfoo\t-1\n"), "line 2"},
		{"empty count", gz(t, "#total\t100\nfoo\t\n"), "line 2"},
		{"blank line", gz(t, "#total\t100\n\nfoo\t1\n"), "line 2"},
		{"two tabs", gz(t, "#total\t100\nfoo\t1\t2\n"), "line 2"},
		{"not gzip", []byte("#total\t100\nfoo\t10\n"), ""},
		{"empty input", nil, ""},
		{"truncated gzip", truncated, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse accepted it (%d stems)", m.Len())
			}
			if m != nil {
				t.Errorf("Parse returned a model with its error")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

// TestParseRejectsNonFinite: strconv.ParseFloat accepts "NaN" and "Inf", and
// NaN passes the n < 0 check, so a table with a NaN count or total is
// accepted and DocFraction returns NaN (then every IDF built on the prior is
// NaN); an infinite total makes every fraction 0.
func TestParseRejectsNonFinite(t *testing.T) {
	for _, table := range []string{
		"#total\tNaN\nfoo\t1\n",
		"#total\t100\nfoo\tNaN\n",
		"#total\t+Inf\nfoo\t1\n",
		"#total\t100\nfoo\tInf\n",
	} {
		if m, err := Parse(gz(t, table)); err == nil {
			t.Errorf("Parse(%q) accepted it: DocFraction(foo, 10) = %v", table, m.DocFraction("foo", 10))
		}
	}
}
