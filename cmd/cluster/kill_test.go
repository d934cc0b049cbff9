package main

// The kill test: a real cluster process is killed with SIGKILL while it
// writes the report, while it writes the state, and at an arbitrary moment
// of its run. Each time the previous report and state must still be there,
// intact and readable, a second run started while the first held the lock
// must have failed at once with exitLocked, and the next run must succeed,
// clean up the killed run's temporary files, and leave exactly the state an
// uninterrupted run leaves. The moments of writing are made exact with the
// NEWSCLUST_TEST_PAUSE hook (testhook.go).

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
)

// buildCluster builds the command into a temporary directory.
func buildCluster(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "cluster")
	if out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs the binary to completion and returns its status and stderr.
func runBinary(t *testing.T, bin string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// startPaused starts the binary with the pause hook for kind and returns
// once it has paused (or, for kind "", at once).
func startPaused(t *testing.T, bin, kind string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), pauseEnv+"="+kind)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if kind == "" {
		go drain(pipe)
		return cmd
	}
	paused := make(chan bool)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "test pause before renaming") {
				paused <- true
			}
		}
		close(paused)
	}()
	select {
	case ok := <-paused:
		if !ok {
			t.Fatalf("the run ended before pausing at %s", kind)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no pause at %s within 20 s", kind)
	}
	return cmd
}

func drain(r interface{ Read([]byte) (int, error) }) {
	buf := make([]byte, 4096)
	for {
		if _, err := r.Read(buf); err != nil {
			return
		}
	}
}

func TestKilledRunLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it")
	}
	bin := buildCluster(t)
	data := t.TempDir()
	night0 := makeNight(t, data, 0, []int{0, 1, 2, 3, 4, 5}, 30)
	night1 := makeNight(t, data, 1, []int{3, 4, 5, 6, 7, 8}, 30)

	// The reference: both nights without interruption.
	ref := t.TempDir()
	for _, n := range []string{night0, night1} {
		if code, stderr := runBinary(t, bin, nil, "-state", ref, "-o", filepath.Join(ref, "r.json"), n); code != exitOK {
			t.Fatalf("reference run: exit %d: %s", code, stderr)
		}
	}
	want, _ := os.ReadFile(filepath.Join(ref, state.FileName))

	for _, kind := range []string{"report", "state", ""} {
		t.Run("kill at "+cmp.Or(kind, "any time"), func(t *testing.T) {
			dir := t.TempDir()
			out, statePath := filepath.Join(dir, "r.json"), filepath.Join(dir, state.FileName)
			args := []string{"-state", dir, "-o", out, "-log-level", "warn", night1}
			if code, stderr := runBinary(t, bin, nil, "-state", dir, "-o", out, night0); code != exitOK {
				t.Fatalf("night 0: exit %d: %s", code, stderr)
			}
			prevReport, _ := os.ReadFile(out)
			prevState, _ := os.ReadFile(statePath)

			cmd := startPaused(t, bin, kind, args...)
			if kind != "" {
				start := time.Now()
				code, stderr := runBinary(t, bin, nil, args...)
				if code != exitLocked || !strings.Contains(stderr, "another run holds the lock") {
					t.Errorf("second run: exit %d, stderr %q: want %d", code, stderr, exitLocked)
				}
				if d := time.Since(start); d > 3*time.Second {
					t.Errorf("second run took %v to give up", d)
				}
			} else {
				time.Sleep(40 * time.Millisecond)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			checkIntact(t, out, prevReport, kind == "report")
			if st, _ := os.ReadFile(statePath); !bytes.Equal(st, prevState) && (kind != "" || !bytes.Equal(st, want)) {
				t.Error("the state changed although the run was killed before renaming it")
			}
			if kind != "" {
				if temps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(temps) != 1 {
					t.Errorf("%d temporary files after the kill, want the one being written", len(temps))
				}
			}
			if _, err := state.Load(statePath); err != nil {
				t.Errorf("previous state unreadable: %v", err)
			}

			code, stderr := runBinary(t, bin, nil, "-state", dir, "-o", out, night1)
			if code != exitOK {
				t.Fatalf("run after the kill: exit %d: %s", code, stderr)
			}
			if kind != "" && !strings.Contains(stderr, "took over the lock") {
				t.Errorf("no takeover warning after the kill: %s", stderr)
			}
			if got, _ := os.ReadFile(statePath); !bytes.Equal(got, want) {
				t.Error("state after recovery differs from an uninterrupted run's")
			}
			if temps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(temps) > 0 {
				t.Errorf("temporary files left: %v", temps)
			}
		})
	}
}

// checkIntact fails t unless the report at path decodes, and, if same, is
// byte for byte the previous one (killed at "state", the new report is
// already in place; killed at any time, either may be).
func checkIntact(t *testing.T, path string, prev []byte, same bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("report gone: %v", err)
	}
	if same && !bytes.Equal(b, prev) {
		t.Error("the report changed although the run was killed before renaming it")
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil || rep.Schema != report.Schema {
		t.Errorf("report unreadable after the kill: %v", err)
	}
}
