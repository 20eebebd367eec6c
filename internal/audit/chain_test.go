package audit

import (
	"errors"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
)

func sampleEntries(n int) []heard.AccessEntry {
	at := time.Date(2026, 11, 23, 9, 0, 0, 123456789, time.FixedZone("CET", 3600))
	var es []heard.AccessEntry
	for i := range n {
		es = append(es, heard.AccessEntry{
			At: at.Add(time.Duration(i) * time.Minute), ActorID: "pro1", ActorRole: heard.RoleProfessional,
			Basis: heard.BasisCare, PersonID: "p1", Action: heard.ActionReadPerson, Outcome: heard.OutcomeAllowed,
			ClientAddr: "192.0.2.1", RequestID: "req",
		})
	}
	return es
}

func verify(t *testing.T, es []heard.AccessEntry, stored heard.AccessHead, anchor *heard.AccessHead) error {
	t.Helper()
	v := NewVerifier(anchor)
	for _, e := range es {
		if err := v.Add(e); err != nil {
			return err
		}
	}
	_, err := v.Finish(stored)
	return err
}

func TestChain_VerifiesUntouched(t *testing.T) {
	es, head := Chain(heard.AccessHead{}, sampleEntries(5))
	if head.Seq != 5 || es[4].Hash != head.Hash || es[0].PrevHash != "" || es[1].PrevHash != es[0].Hash {
		t.Fatalf("Chain() head = %+v, entries not linked", head)
	}
	if es[0].At.Nanosecond()%1000 != 0 || es[0].At.Location() != time.UTC {
		t.Errorf("Chain() time = %v, want UTC truncated to microseconds", es[0].At)
	}
	if err := verify(t, es, head, &head); err != nil {
		t.Fatalf("verify untouched log: %v", err)
	}
	more, head2 := Chain(head, sampleEntries(2))
	if more[0].Seq != 6 || more[0].PrevHash != head.Hash {
		t.Fatalf("continued chain = %+v, want seq 6 linked to head", more[0])
	}
	if err := verify(t, append(es, more...), head2, &head); err != nil {
		t.Fatalf("verify continued log against older anchor: %v", err)
	}
}

func TestVerifier_FindsFirstBreak(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func(es []heard.AccessEntry) []heard.AccessEntry
		wantSeq int64
	}{
		{"altered field", func(es []heard.AccessEntry) []heard.AccessEntry { es[2].ActorID = "someone-else"; return es }, 3},
		{"altered time", func(es []heard.AccessEntry) []heard.AccessEntry { es[3].At = es[3].At.Add(time.Second); return es }, 4},
		{"recomputed hash breaks next link", func(es []heard.AccessEntry) []heard.AccessEntry {
			es[1].PersonID = "p2"
			es[1].Hash = Hash(es[1])
			return es
		}, 3},
		{"deleted in the middle", func(es []heard.AccessEntry) []heard.AccessEntry { return append(es[:2], es[3:]...) }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, head := Chain(heard.AccessHead{}, sampleEntries(5))
			err := verify(t, tt.tamper(es), head, nil)
			var b *Break
			if !errors.As(err, &b) || b.Seq != tt.wantSeq {
				t.Fatalf("verify = %v, want break at %d", err, tt.wantSeq)
			}
		})
	}
}

func TestVerifier_DeletedFromEnd(t *testing.T) {
	es, head := Chain(heard.AccessHead{}, sampleEntries(5))
	cut := es[:3]
	cutHead := heard.AccessHead{Seq: cut[2].Seq, Hash: cut[2].Hash}
	if err := verify(t, cut, cutHead, nil); err != nil {
		t.Fatalf("without an anchor, a cleanly cut log verifies (that is why anchors exist): %v", err)
	}
	var b *Break
	if err := verify(t, cut, cutHead, &head); !errors.As(err, &b) || b.Seq != 4 {
		t.Fatalf("verify with anchor = %v, want break at 4", err)
	}
	if err := verify(t, cut, head, nil); !errors.As(err, &b) {
		t.Fatalf("verify against stale stored head = %v, want a break", err)
	}
}

func TestAnchor_RoundTrip(t *testing.T) {
	_, head := Chain(heard.AccessHead{}, sampleEntries(2))
	got, err := ParseAnchor(FormatAnchor(head) + "\n")
	if err != nil || got != head {
		t.Fatalf("ParseAnchor(FormatAnchor()) = %+v, %v; want %+v", got, err, head)
	}
	for _, bad := range []string{"", "12", "x:abc", "3:short", "-1:"} {
		if _, err := ParseAnchor(bad); err == nil {
			t.Errorf("ParseAnchor(%q) = nil error, want one", bad)
		}
	}
}
