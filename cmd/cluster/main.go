// Command cluster is the newsclust nightly job: it reads a corpus of news
// articles, finds near-duplicates, groups articles into stories, and writes
// one JSON report.
//
// Usage:
//
//	cluster [flags] PATH...        run the job (PATH: directory, .jsonl, .jsonl.gz, .gz, .txt, or - for stdin)
//	cluster eval [flags] CORPUS    score the job against gold labels
//
// Exit status: see exitcodes.go and the README.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "eval":
			return runEval(ctx, args[1:], stdout, stderr)
		case "version":
			fmt.Fprintln(stdout, version())
			return exitOK
		}
	}
	return runJob(ctx, args, stdout, stderr)
}
