module github.com/newsclust/newsclust

go 1.26.8

require (
	github.com/kljensen/snowball v0.10.0
	golang.org/x/text v0.43.0
	gonum.org/v1/gonum v0.17.0
)
