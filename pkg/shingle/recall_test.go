package shingle

import (
	"math"
	"testing"
)

func TestCandidateProbability(t *testing.T) {
	for _, c := range []struct {
		s           float64
		bands, rows int
		want        float64
	}{
		{0, 32, 4, 0},
		{1, 32, 4, 1},
		{0.5, 1, 1, 0.5},
		{0.5, 2, 1, 0.75},           // 1 - 0.5²
		{0.5, 1, 2, 0.25},           // 0.5²
		{0.5, 32, 4, 0.8732112},     // 1 - (15/16)^32
		{0.35, 64, 2, 0.9997668},    // 1 - 0.8775^64
		{0.35, 42, 3, 0.8412610},    // 1 - (1 - 0.042875)^42
		{1e-4, 2, 4, 2e-16 - 1e-32}, // 1-(1-x)^b in floating point gives 2.22e-16 here
	} {
		got := CandidateProbability(c.s, c.bands, c.rows)
		if math.Abs(got-c.want) > 1e-6*c.want {
			t.Errorf("CandidateProbability(%g, %d, %d) = %g, want %g", c.s, c.bands, c.rows, got, c.want)
		}
	}
}

func TestRecallParams(t *testing.T) {
	for _, c := range []struct {
		threshold   float64
		numPerm     int
		recall      float64
		bands, rows int
	}{
		{0.35, 128, 0.999, 64, 2}, // 42×3 catches 0.35 with only 0.841
		{0.35, 128, 0.8, 42, 3},
		{0.5, 128, 0.999, 64, 2}, // 32×4 catches 0.5 with only 0.873
		{0.9, 128, 0.99, 12, 10},
		{1, 128, 0.5, 1, 128},      // identical sets agree everywhere
		{0.01, 128, 0.999, 128, 1}, // not even one row reaches it
		{0.5, 16, 0, 1, 16},
	} {
		b, r := RecallParams(c.threshold, c.numPerm, c.recall)
		if b != c.bands || r != c.rows {
			t.Errorf("RecallParams(%g, %d, %g) = %d×%d, want %d×%d", c.threshold, c.numPerm, c.recall, b, r, c.bands, c.rows)
		}
		if p := CandidateProbability(c.threshold, b, r); r > 1 && p < c.recall {
			t.Errorf("RecallParams(%g, %d, %g) = %d×%d catches the threshold with %g", c.threshold, c.numPerm, c.recall, b, r, p)
		}
		for r2 := r + 1; r2 <= c.numPerm; r2++ {
			if p := CandidateProbability(c.threshold, c.numPerm/r2, r2); p >= c.recall {
				t.Errorf("RecallParams(%g, %d, %g) = %d rows, but %d rows reach %g", c.threshold, c.numPerm, c.recall, r, r2, p)
			}
		}
	}
}

func TestRecallParamsPanics(t *testing.T) {
	for _, c := range []struct {
		threshold float64
		numPerm   int
		recall    float64
	}{
		{0, 128, 0.9}, {1.1, 128, 0.9}, {math.NaN(), 128, 0.9},
		{0.5, 128, 1}, {0.5, 128, -0.1}, {0.5, 128, math.NaN()},
		{0.5, 0, 0.9}, {0.5, MaxPerm + 1, 0.9},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RecallParams(%g, %d, %g) did not panic", c.threshold, c.numPerm, c.recall)
				}
			}()
			RecallParams(c.threshold, c.numPerm, c.recall)
		}()
	}
}
