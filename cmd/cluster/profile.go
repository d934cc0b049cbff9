package main

// Profiling for performance work: -cpuprofile and -memprofile write pprof
// profiles of a run (read them with go tool pprof). They are debugging aids,
// marked "debug:" in the usage text, and change nothing in the report.

import (
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
)

// profileFlags holds the profile destinations.
type profileFlags struct {
	cpu, mem string
}

// addProfileFlags registers -cpuprofile and -memprofile on fs.
func addProfileFlags(fs *flag.FlagSet) *profileFlags {
	p := &profileFlags{}
	fs.StringVar(&p.cpu, "cpuprofile", "", "debug: write a CPU profile to `file`")
	fs.StringVar(&p.mem, "memprofile", "", "debug: write a heap profile to `file` at the end of the run")
	return p
}

// start begins CPU profiling, if asked, and returns a function that stops it
// and writes the heap profile.
func (p *profileFlags) start() (stop func(), err error) {
	var cpu *os.File
	if p.cpu != "" {
		if cpu, err = os.Create(p.cpu); err != nil {
			return nil, err
		}
		if err = pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if p.mem != "" {
			if f, err := os.Create(p.mem); err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}
