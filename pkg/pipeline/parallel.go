package pipeline

import (
	"context"
	"sync"
)

// forEach calls fn(i) for i in [0, n) on workers goroutines, in chunks, and
// returns the first error (ctx's, or fn's). Each i is handled once.
func forEach(ctx context.Context, n, workers int, fn func(worker, i int) error) error {
	const chunk = 256
	var (
		mu   sync.Mutex
		next int
		wg   sync.WaitGroup
		errs = make([]error, workers)
	)
	take := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		start := next
		next = min(n, next+chunk)
		return start, next
	}
	for w := range workers {
		wg.Go(func() {
			for {
				start, end := take()
				if start >= end || ctx.Err() != nil {
					return
				}
				for i := start; i < end; i++ {
					if err := fn(w, i); err != nil {
						errs[w] = err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
