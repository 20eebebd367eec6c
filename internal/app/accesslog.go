package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// AccessLogQuery pages through a person's access log.
type AccessLogQuery struct {
	// Before shows entries older than this sequence number; 0 is newest.
	Before int64
	// IncludeOwn also shows the person's own visits, which are left out by
	// default so that others' visits stand out.
	IncludeOwn bool
	// Who keeps one reader's entries (OtherPersons: those of every other
	// person who uses Heard, who are never told apart); Topic those about
	// one part of the record (heard.AccessTopics). Empty: all.
	Who   heard.AccountID
	Topic heard.AccessTopic
}

// AccessLogLine is one entry as the person reads it.
type AccessLogLine struct {
	Entry     heard.AccessEntry
	ActorName string
	// ByPerson is true for the person's own visits.
	ByPerson bool
	// PeerWorker: the reader is a peer worker, which the person is told.
	PeerWorker bool
	// OtherPerson: another person who uses Heard tried to open her record;
	// not named (policy.NamesReader).
	OtherPerson bool
	// Justification is what the professional wrote for emergency access.
	Justification string
}

// AccessLogPage is one page of a person's access log.
type AccessLogPage struct {
	Person heard.Person
	Lines  []AccessLogLine
	// Older is the Before value of the next page, or 0 at the end.
	Older int64
	// Readers are everyone in the log (with the same "own visits" choice),
	// for the filter by who, in name order.
	Readers []Reader
}

// Reader is someone in a person's access log.
type Reader struct {
	ID   heard.AccountID
	Name string
	// OtherPerson: another person using Heard, not named.
	OtherPerson bool
}

const accessLogPageSize = 50

// OtherPersons is the Who that keeps the entries of every other person
// who uses Heard: the filter offers them as one, so that neither their
// names nor their accounts reach her.
const OtherPersons heard.AccountID = "others"

// accessLogReaderWindow is how many of her latest entries the filter's
// list of readers comes from.
const accessLogReaderWindow = 500

// AccessLog returns a page of "who has seen my record". Only the person may
// read it, and reading it is itself recorded.
func (s *Service) AccessLog(ctx context.Context, actor heard.Actor, id heard.PersonID, q AccessLogQuery) (AccessLogPage, error) {
	var page AccessLogPage
	err := s.personRead(ctx, actor, id, heard.ActionReadAccessLog, "", func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		f := store.AccessFilter{PersonID: p.ID, BeforeSeq: q.Before, Limit: accessLogPageSize + 1, ActorID: q.Who, Actions: heard.TopicActions(q.Topic)}
		if q.Who != "" && q.Who != OtherPersons {
			// Asked by an account: another person's is answered as all
			// of them, so the filter confirms no account.
			if acc, err := tx.GetAccount(ctx, q.Who); err == nil && !policy.NamesReader(acc, p) {
				q.Who = OtherPersons
			}
		}
		if q.Who == OtherPersons {
			f.ActorID, f.OtherPersonsThan = "", p.AccountID
		}
		if g.Basis == heard.BasisSelf && !q.IncludeOwn {
			f.ExcludeOwn = true
		}
		if q.Topic != "" && len(f.Actions) == 0 {
			return heard.Invalid([]heard.Problem{{Field: "what", Key: "accesslog.topic.invalid"}})
		}
		// The readers of her latest entries: a busy log's whole history
		// took a tenth of the benchmark's CPU time to scan on every view.
		readers, err := tx.ListAccessActors(ctx, store.AccessFilter{PersonID: p.ID, ExcludeOwn: f.ExcludeOwn, Limit: accessLogReaderWindow})
		if err != nil {
			return fmt.Errorf("access log readers: %w", err)
		}
		others := false
		for _, acc := range readers {
			if !policy.NamesReader(acc, p) {
				others = true
				continue
			}
			page.Readers = append(page.Readers, Reader{ID: acc.ID, Name: acc.Name})
		}
		slices.SortFunc(page.Readers, func(a, b Reader) int { return strings.Compare(heard.FoldName(a.Name), heard.FoldName(b.Name)) })
		if others {
			page.Readers = append(page.Readers, Reader{ID: OtherPersons, OtherPerson: true})
		}
		entries, err := tx.ListAccessEntries(ctx, f)
		if err != nil {
			return fmt.Errorf("access log: %w", err)
		}
		if len(entries) > accessLogPageSize {
			entries = entries[:accessLogPageSize]
			page.Older = entries[len(entries)-1].Seq
		}
		page.Person = p
		for i, e := range entries {
			entries[i] = policy.AccessEntryFor(g, e)
		}
		page.Lines, err = describeEntries(ctx, tx, p, entries)
		return err
	})
	return result(page, err)
}

func describeEntries(ctx context.Context, tx store.Tx, p heard.Person, entries []heard.AccessEntry) ([]AccessLogLine, error) {
	var ids []heard.AccountID
	for _, e := range entries {
		ids = append(ids, e.ActorID)
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	justifications := map[string]string{}
	lines := make([]AccessLogLine, len(entries))
	for i, e := range entries {
		l := AccessLogLine{Entry: e, ActorName: accs[e.ActorID].Name, PeerWorker: accs[e.ActorID].PeerWorker,
			ByPerson: e.ActorID == p.AccountID && p.AccountID != ""}
		if acc, ok := accs[e.ActorID]; ok && acc.ID != "" && !policy.NamesReader(acc, p) {
			l.ActorName, l.OtherPerson = "", true
		}
		if e.Basis == heard.BasisEmergency && e.ResourceID != "" {
			j, ok := justifications[e.ResourceID]
			if !ok {
				ea, err := tx.GetEmergencyAccess(ctx, heard.EmergencyAccessID(e.ResourceID))
				if err != nil && heard.ErrorCode(err) != heard.CodeNotFound {
					return nil, err
				}
				j = ea.Justification
				justifications[e.ResourceID] = j
			}
			l.Justification = j
		}
		lines[i] = l
	}
	return lines, nil
}
