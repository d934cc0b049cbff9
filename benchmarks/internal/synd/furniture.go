package synd

// This file holds the publisher furniture a copy gains (byline and
// dateline headers, copyright, "read more" and newsletter footers) and the
// ways another desk rewrites a headline.

import (
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// headers are byline and dateline lines; {S} is the publisher, {D} a date.
var headers = []string{
	"By Staff Reporter | {S}",
	"By {S} Staff",
	"By Wire Services | {S}",
	"From the {S} newsroom",
	"{S} | {D}",
	"Published {D}",
	"Published {D} | Updated {D}",
	"Listen to this article",
	"Share this article",
	"Filed by {S}",
}

// footers are copyright, link and newsletter lines; {S} is the publisher,
// {H} its web host, {Y} the year.
var footers = []string{
	"Copyright {Y} {S}. All rights reserved.",
	"© {Y} {S}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
	"Read more: https://{H}/news",
	"Read more at {H}",
	"Subscribe to our newsletter for the latest news.",
	"Sign up for our daily newsletter.",
	"Follow {S} on Twitter and Facebook.",
	"This article originally appeared on {S}.",
	"Reporting by staff; editing by the news desk.",
	"Have a news tip? Contact the {S} newsroom.",
}

// Header returns one or two header lines for a copy run by publisher src
// at time t.
func Header(r *rand.Rand, src string, t time.Time) string {
	return lines(r, headers, 2, src, "", t)
}

// Footer returns one to three footer lines for a copy run by publisher src
// from web host host at time t.
func Footer(r *rand.Rand, src, host string, t time.Time) string {
	return lines(r, footers, 3, src, host, t)
}

// lines fills in 1 to most distinct templates, one per line.
func lines(r *rand.Rand, tmpls []string, most int, src, host string, t time.Time) string {
	if host == "" {
		host = strings.ToLower(strings.Join(strings.Fields(src), "")) + ".com"
	}
	fill := strings.NewReplacer("{S}", src, "{H}", host,
		"{D}", t.Format("Jan 2, 2006 3:04 PM MST"), "{Y}", t.Format("2006"))
	n := 1 + r.IntN(most)
	first := r.IntN(len(tmpls))
	out := make([]string, n)
	for i := range out {
		out[i] = fill.Replace(tmpls[(first+i*3)%len(tmpls)])
	}
	return strings.Join(out, "\n")
}

// titleEdits rewrite a headline the way another desk would.
var titleEdits = []func(r *rand.Rand, t, src string) string{
	func(r *rand.Rand, t, _ string) string {
		return []string{"UPDATE 1-", "UPDATE 2-", "WRAPUP 1-", "EXCLUSIVE: ", "Breaking: "}[r.IntN(5)] + t
	},
	func(r *rand.Rand, t, src string) string { return t + []string{" - ", " | ", " — "}[r.IntN(3)] + src },
	func(_ *rand.Rand, t, _ string) string { return titleCase(t) },
	func(r *rand.Rand, t, _ string) string { return dropWords(r, t) },
}

// Retitle returns a new headline for a copy of an article headlined title:
// one of alts (other headlines of the same story) or title itself rewritten
// (a wire prefix, the publisher's name appended, title case, words dropped).
// The result always differs from title.
func Retitle(r *rand.Rand, title, src string, alts []string) string {
	if len(alts) > 0 && r.IntN(3) == 0 {
		if t := alts[r.IntN(len(alts))]; t != title && t != "" {
			return t
		}
	}
	t := titleEdits[r.IntN(len(titleEdits))](r, title, src)
	if t == title || strings.TrimSpace(t) == "" {
		t = title + " - " + src
	}
	return t
}

// titleCase capitalises every word of three letters or more.
func titleCase(t string) string {
	ws := strings.Fields(t)
	for i, w := range ws {
		if r, n := utf8.DecodeRuneInString(w); utf8.RuneCountInString(w) >= 3 && unicode.IsLower(r) {
			ws[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	return strings.Join(ws, " ")
}

// dropWords drops one to three words from the end of a long headline, or
// its first word.
func dropWords(r *rand.Rand, t string) string {
	ws := strings.Fields(t)
	if len(ws) < 5 {
		return t
	}
	if r.IntN(2) == 0 {
		return strings.Join(ws[:len(ws)-1-r.IntN(3)], " ")
	}
	return strings.Join(ws[1:], " ")
}
