package e2e

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Writes heard has acknowledged survive the process being killed without
// warning (kill -9), and the access log's chain is whole after restart.
// (A power cut cannot be staged here; SQLite runs with synchronous=FULL so
// that the WAL is synced before each commit is acknowledged.)
func TestCrash_AcknowledgedWritesSurviveKill(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "heard.db")
	p := startProcess(t, "serve", "--demo", "--db", db, "--addr", "127.0.0.1:0")
	pro := newClient(t)
	pro.login(p.url, "pro5@demo.test")
	var found struct {
		Caseload []struct{ Person struct{ ID string } }
	}
	if code := pro.call("GET", p.url, "/api/v1/caseload", "", &found); code != 200 || len(found.Caseload) == 0 {
		t.Fatalf("caseload = %d", code)
	}
	person := found.Caseload[0].Person.ID
	const reads = 20
	for i := range reads {
		if code := pro.call("GET", p.url, "/api/v1/persons/"+person, "", nil); code != 200 {
			t.Fatalf("read %d = %d", i, code)
		}
	}
	owner := newClient(t)
	ownerMe := owner.login(p.url, "person5@demo.test")
	if ownerMe.PersonID != person {
		t.Fatalf("person5 is not first on pro5's caseload")
	}
	var before struct{ Entries []struct{ Seq int64 } }
	owner.call("GET", p.url, "/api/v1/persons/"+person+"/access-log", "", &before)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	p.cmd.Process = nil // nothing left for the cleanup to stop

	again := startProcess(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	var after struct{ Entries []struct{ Seq int64 } }
	if code := owner.call("GET", again.url, "/api/v1/persons/"+person+"/access-log", "", &after); code != 200 {
		t.Fatalf("after restart the session is gone or the log unreadable: %d", code)
	}
	if len(after.Entries) == 0 || len(before.Entries) == 0 || after.Entries[1].Seq != before.Entries[0].Seq {
		t.Errorf("access log after kill -9 does not continue where it stood: before %v, after %v", head(before.Entries), head(after.Entries))
	}
	bin, _ := buildHeard()
	out, err := exec.Command(bin, "audit", "verify", "--db", db).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "access log verified") {
		t.Errorf("audit verify after kill -9: %s %v", out, err)
	}
}

func head[T any](s []T) string {
	if len(s) > 2 {
		s = s[:2]
	}
	return fmt.Sprint(s)
}
