package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/policy"
	"github.com/heard-health/heard/internal/store"
)

// EncountersView lists a person's encounters as the reader may see them.
type EncountersView struct {
	Person   heard.Person
	Upcoming []heard.Encounter
	Past     []heard.Encounter
	// WithoutPerson lists meetings about the person held (or planned)
	// without them, with the reason given: shown plainly to the person.
	WithoutPerson []heard.Encounter
	CanCreate     bool
}

// Encounters returns a person's encounters, soonest upcoming first and
// latest past first.
func (s *Service) Encounters(ctx context.Context, actor heard.Actor, id heard.PersonID) (EncountersView, error) {
	var v EncountersView
	err := s.personRead(ctx, actor, id, heard.ActionReadEncounters, "", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		now := s.now()
		v = EncountersView{Person: policy.PersonFor(g, p), CanCreate: can(actor, heard.ActionWriteEncounter, p, rel, now)}
		all, err := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: p.ID, Limit: 500})
		if err != nil {
			return err
		}
		for _, e := range all {
			e, ok := policy.EncounterFor(g, actor, e)
			if !ok {
				continue
			}
			if e.Start.After(now) {
				v.Upcoming = append(v.Upcoming, e)
			} else {
				v.Past = append(v.Past, e)
			}
			if e.WithoutPerson() {
				v.WithoutPerson = append(v.WithoutPerson, e)
			}
		}
		slices.Reverse(v.Upcoming) // the store lists newest first
		return nil
	})
	return result(v, err)
}

// EncounterView is one encounter with its agenda and what the reader may do.
type EncounterView struct {
	Encounter heard.Encounter
	Person    heard.Person
	Agenda    []AgendaView
	// SeesNotes: her reflection (in its own place) and her preparation
	// are shown: to her and her professionals.
	SeesNotes   bool
	NoteBy      Someone
	Preparation heard.Preparation
	CanEdit     bool
	CanAddItem  bool
	CanReflect  bool
	CanPrepare  bool
	// Missed: the meeting has happened without her, so her reflection is
	// her view of what was decided without her.
	Missed bool
	// Happened: the meeting has started; before, whether she was there is
	// not asked.
	Happened bool
	// MyFeedback is the reader's own feedback on the meeting, if any;
	// SharedFeedback what others shared with the reader (policy.FeedbackFor).
	MyFeedback      *heard.Feedback
	SharedFeedback  []FeedbackView
	CanGiveFeedback bool
	// CanMakeFeedbackLink: the reader may make a link for her to give
	// feedback on the meeting without logging in.
	CanMakeFeedbackLink bool
	// SeesSharedNote: the shared note (and her reflection) are shown;
	// Voices are the participants' own reflections the reader sees, hers
	// among them for readers other than her; MyVoice is the reader's own.
	SeesSharedNote bool
	Voices         []VoiceView
	MyVoice        heard.Voice
	CanVoice       bool
	// NoteShare offers her the network members who took part, to choose
	// who sees the shared note; CanShareNote when she may.
	NoteShare    []NoteShareOption
	CanShareNote bool
}

// VoiceView is one participant's reflection with whose it is.
type VoiceView struct {
	Author  Someone
	Text    string
	Updated time.Time
}

// NoteShareOption is a network member who took part, and whether she
// shows them the shared note.
type NoteShareOption struct {
	Account heard.AccountID
	Name    string
	Shared  bool
}

// FeedbackView is feedback shared with the reader, with whose it is.
type FeedbackView struct {
	Feedback heard.Feedback
	Author   Someone
}

// AgendaView is an agenda item with who added it.
type AgendaView struct {
	Item     heard.AgendaItem
	Author   Someone
	ByPerson bool
}

// Encounter returns one encounter of the person.
func (s *Service) Encounter(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID) (EncounterView, error) {
	var v EncounterView
	err := s.personRead(ctx, actor, id, heard.ActionReadEncounters, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		var err error
		v, err = s.encounterView(ctx, tx, actor, p, g, rel, eid)
		return err
	})
	return result(v, err)
}

func (s *Service) encounterView(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations, eid heard.EncounterID) (EncounterView, error) {
	raw, err := tx.GetEncounter(ctx, p.ID, eid)
	if err != nil {
		return EncounterView{}, err
	}
	e, ok := policy.EncounterFor(g, actor, raw)
	if !ok {
		return EncounterView{}, heard.ErrNotFound
	}
	now := s.now()
	v := EncounterView{Encounter: e, Person: policy.PersonFor(g, p), SeesNotes: policy.SeesEncounterNotes(g),
		CanEdit:    can(actor, heard.ActionWriteEncounter, p, rel, now),
		CanAddItem: can(actor, heard.ActionAddAgendaItem, p, rel, now) && policy.InTime(heard.ActionAddAgendaItem, e, now),
		CanReflect: can(actor, heard.ActionWriteReflection, p, rel, now) && policy.InTime(heard.ActionWriteReflection, e, now),
		CanPrepare: can(actor, heard.ActionWritePreparation, p, rel, now) && policy.InTime(heard.ActionWritePreparation, e, now),
		Missed:     policy.Missed(e, now), Happened: !now.Before(e.Start)}
	items, err := tx.ListAgendaItems(ctx, e.ID)
	if err != nil {
		return v, err
	}
	ids := []heard.AccountID{e.NoteBy}
	for _, it := range items {
		ids = append(ids, it.Author)
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return v, err
	}
	v.NoteBy = someone(p, accs[e.NoteBy])
	for _, it := range items {
		v.Agenda = append(v.Agenda, AgendaView{Item: it, Author: someone(p, accs[it.Author]), ByPerson: it.Author == p.AccountID})
	}
	if v.SeesNotes {
		if v.Preparation, err = tx.GetPreparation(ctx, e.ID); err != nil {
			return v, err
		}
	}
	v.CanGiveFeedback = can(actor, heard.ActionWriteFeedback, p, rel, now) && policy.InTime(heard.ActionWriteFeedback, e, now)
	v.CanMakeFeedbackLink = can(actor, heard.ActionCreateFeedbackLink, p, rel, now) && policy.InTime(heard.ActionWriteFeedback, e, now)
	if v.CanMakeFeedbackLink {
		// A link only adds her feedback; once she gave it, none is offered.
		given, err := hasFeedback(ctx, tx, p, e.ID)
		if err != nil {
			return v, err
		}
		v.CanMakeFeedbackLink = !given
	}
	if err := s.feedbackViews(ctx, tx, actor, p, g, e, &v); err != nil {
		return v, err
	}
	return v, s.voiceViews(ctx, tx, actor, p, g, rel, raw, &v)
}

// voiceViews fills the voices beside hers and her choice of who sees the
// shared note; e is the meeting as stored, for policy to decide on.
func (s *Service) voiceViews(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, rel heard.Relations, e heard.Encounter, v *EncounterView) error {
	now := s.now()
	v.SeesSharedNote = policy.SeesSharedNote(g, actor, e)
	v.CanVoice = can(actor, heard.ActionWriteVoice, p, rel, now) && policy.InTime(heard.ActionWriteVoice, e, now)
	v.CanShareNote = can(actor, heard.ActionShareNote, p, rel, now)
	all, err := tx.ListVoices(ctx, p.ID, e.ID)
	if err != nil {
		return err
	}
	voices := policy.VoicesFor(g, actor, e, all)
	ids := []heard.AccountID{p.AccountID}
	for _, x := range voices {
		ids = append(ids, x.Author)
	}
	accs, err := accounts(ctx, tx, ids...)
	if err != nil {
		return err
	}
	// Her own page and her professionals' show her reflection in its own
	// place; a network member she shows the note to sees it among the voices.
	if shown := v.Encounter; shown.Reflection != "" && g.Basis == heard.BasisNetwork {
		v.Voices = append(v.Voices, VoiceView{Author: someone(p, accs[p.AccountID]), Text: shown.Reflection, Updated: shown.ReflectionAt})
	}
	for _, x := range voices {
		if x.Author == actor.AccountID {
			v.MyVoice = x
		}
		v.Voices = append(v.Voices, VoiceView{Author: someone(p, accs[x.Author]), Text: x.Text, Updated: x.Updated})
	}
	if v.CanShareNote {
		for _, pt := range e.Participants {
			if pt.Account != "" {
				v.NoteShare = append(v.NoteShare, NoteShareOption{Account: pt.Account, Name: pt.Name, Shared: e.SharesNoteWith(pt.Account)})
			}
		}
	}
	return nil
}

// SaveVoice saves a participant's own reflection on a meeting, after it:
// a professional of her care team, or a network member who took part.
// Nobody edits another's. A stale save returns *Stale[heard.Voice].
func (s *Service) SaveVoice(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, text string, base int) (heard.Voice, error) {
	var v heard.Voice
	err := s.personTx(ctx, actor, id, heard.ActionWriteVoice, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if _, ok := policy.EncounterFor(g, actor, e); !ok {
			return heard.ErrNotFound
		}
		now := s.now()
		if !policy.InTime(heard.ActionWriteVoice, e, now) {
			return heard.Invalid([]heard.Problem{{Field: "voice", Key: "encounter.reflection.too_early"}})
		}
		text = strings.TrimSpace(text)
		if err := heard.ValidComment("voice", text); err != nil {
			return err
		}
		v = heard.Voice{EncounterID: eid, PersonID: p.ID, Author: actor.AccountID, Text: text, Updated: now, Version: base + 1}
		err = tx.SaveVoice(ctx, v, base)
		if heard.ErrorCode(err) == heard.CodeStale {
			all, lerr := tx.ListVoices(ctx, p.ID, eid)
			if lerr != nil {
				return lerr
			}
			current := heard.Voice{}
			for _, x := range all {
				if x.Author == actor.AccountID {
					current = x
				}
			}
			return &Stale[heard.Voice]{Current: current}
		}
		return err
	})
	return result(v, err)
}

// SetNoteSharing is her choice of which network members who took part see
// the meeting's shared note and the voices beside it.
func (s *Service) SetNoteSharing(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, members []heard.AccountID) error {
	return s.personTx(ctx, actor, id, heard.ActionShareNote, string(eid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		var keep []heard.AccountID
		for _, m := range members {
			if !e.HasParticipant(m) {
				return heard.Invalid([]heard.Problem{{Field: "members", Key: "encounter.note_share.invalid"}})
			}
			if !slices.Contains(keep, m) {
				keep = append(keep, m)
			}
		}
		return tx.SetNoteSharing(ctx, p.ID, eid, keep)
	})
}

// feedbackViews fills the reader's own feedback and what was shared with
// them; reading someone else's is recorded in her log.
func (s *Service) feedbackViews(ctx context.Context, tx store.Tx, actor heard.Actor, p heard.Person, g heard.Grant, e heard.Encounter, v *EncounterView) error {
	all, err := tx.ListFeedback(ctx, p.ID, e.ID)
	if err != nil {
		return err
	}
	for _, f := range all {
		f, ok := policy.FeedbackFor(g, actor, e, f)
		switch {
		case !ok:
		case f.Author == actor.AccountID:
			v.MyFeedback = &f
		default:
			accs, err := accounts(ctx, tx, f.Author)
			if err != nil {
				return err
			}
			v.SharedFeedback = append(v.SharedFeedback, FeedbackView{Feedback: f, Author: someone(p, accs[f.Author])})
		}
	}
	if len(v.SharedFeedback) > 0 {
		return tx.LogAccess(entry(actor, p.ID, heard.ActionReadFeedback, g, heard.OutcomeAllowed, string(e.ID), s.now()))
	}
	return nil
}

// FeedbackInput is what a participant says about a meeting.
type FeedbackInput struct {
	Answers           map[heard.FeedbackQuestion]int
	Helped, FeltWrong string
	Share             []heard.Share
	BaseVersion       int
}

func (in FeedbackInput) apply(f heard.Feedback, now time.Time) heard.Feedback {
	share := slices.Clone(in.Share)
	slices.Sort(share)
	f.Answers, f.Helped, f.FeltWrong, f.Share, f.Updated = in.Answers, strings.TrimSpace(in.Helped), strings.TrimSpace(in.FeltWrong), slices.Compact(share), now
	return f
}

// SaveFeedback saves the actor's feedback on a meeting she took part in,
// after it: new, changed, or shared differently (sharing nothing withdraws
// it from whoever had it). A stale save returns *Stale[heard.Feedback].
func (s *Service) SaveFeedback(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, in FeedbackInput) (heard.Feedback, error) {
	var f heard.Feedback
	err := s.personTx(ctx, actor, id, heard.ActionWriteFeedback, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if e, ok := policy.EncounterFor(g, actor, e); !ok || !policy.InTime(heard.ActionWriteFeedback, e, s.now()) {
			return heard.Invalid([]heard.Problem{{Field: "heard", Key: "feedback.not_now"}})
		}
		all, err := tx.ListFeedback(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		now := s.now()
		current := heard.Feedback{ID: heard.NewID[heard.FeedbackID](), PersonID: p.ID, EncounterID: eid, Author: actor.AccountID, Created: now}
		for _, x := range all {
			if x.Author == actor.AccountID {
				current = x
			}
		}
		if current.Version != in.BaseVersion {
			return &Stale[heard.Feedback]{Current: current}
		}
		f = in.apply(current, now)
		if err := saveFeedback(ctx, tx, p, e, current, f); err != nil {
			return err
		}
		f.Version = current.Version + 1
		return nil
	})
	return result(f, err)
}

// DismissFeedback is the actor's "not this time" for feedback on a meeting
// she took part in: her home stops asking. The meeting's page still takes
// her feedback.
func (s *Service) DismissFeedback(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID) error {
	return s.personTx(ctx, actor, id, heard.ActionDismissFeedback, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if e, ok := policy.EncounterFor(g, actor, e); !ok || !policy.InTime(heard.ActionDismissFeedback, e, s.now()) {
			return heard.Invalid([]heard.Problem{{Field: "heard", Key: "feedback.not_now"}})
		}
		return tx.DismissFeedback(ctx, p.ID, eid, actor.AccountID, s.now())
	})
}

// EncounterInput is what a professional records about an encounter.
type EncounterInput struct {
	Start         time.Time
	Kind          heard.EncounterKind
	Place         string
	Participants  []heard.Participant
	Invited       bool
	Present       heard.Presence
	AbsenceReason string
	SharedNote    string
	// Invitees are network members taking part; each must have the
	// meetings scope from the person.
	Invitees    []heard.AccountID
	BaseVersion int
}

func (in EncounterInput) apply(e heard.Encounter, actor heard.Actor, now time.Time) heard.Encounter {
	e.Start, e.Kind, e.Place, e.Participants = in.Start, in.Kind, strings.TrimSpace(in.Place), in.Participants
	e.Invited, e.Present, e.AbsenceReason = in.Invited, in.Present, strings.TrimSpace(in.AbsenceReason)
	if e.Present == "" {
		e.Present = heard.PresenceUnknown
	}
	if note := strings.TrimSpace(in.SharedNote); note != e.SharedNote {
		e.SharedNote, e.NoteBy, e.NoteAt = note, actor.AccountID, now
	}
	return e
}

// CreateEncounter records a new encounter.
func (s *Service) CreateEncounter(ctx context.Context, actor heard.Actor, id heard.PersonID, in EncounterInput) (heard.Encounter, error) {
	var e heard.Encounter
	// The new record's ID goes into the access log, which says what was written.
	newID := heard.NewID[heard.EncounterID]()
	err := s.personTx(ctx, actor, id, heard.ActionWriteEncounter, string(newID), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		now := s.now()
		e = in.apply(heard.Encounter{ID: newID, PersonID: p.ID, Version: 1, CreatedBy: actor.AccountID, Created: now}, actor, now)
		if err := withInvitees(ctx, tx, p.ID, &e, in.Invitees, s.now()); err != nil {
			return err
		}
		if err := e.Validate(); err != nil {
			return err
		}
		return tx.CreateEncounter(ctx, e)
	})
	return result(e, err)
}

// UpdateEncounter saves a professional's changes; a stale save returns
// *Stale[heard.Encounter] with the encounter as it stands.
func (s *Service) UpdateEncounter(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, in EncounterInput) (heard.Encounter, error) {
	var e heard.Encounter
	err := s.personTx(ctx, actor, id, heard.ActionWriteEncounter, string(eid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if current.Version != in.BaseVersion {
			return &Stale[heard.Encounter]{Current: current}
		}
		e = in.apply(current, actor, s.now())
		e.Version = current.Version + 1
		if err := withInvitees(ctx, tx, p.ID, &e, in.Invitees, s.now()); err != nil {
			return err
		}
		if err := e.Validate(); err != nil {
			return err
		}
		return tx.UpdateEncounter(ctx, e, current.Version)
	})
	return result(e, err)
}

// AddAgendaItem adds something to talk about, under its author's name.
func (s *Service) AddAgendaItem(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, text string) (heard.AgendaItem, error) {
	a := heard.AgendaItem{ID: heard.NewID[heard.AgendaItemID](), EncounterID: eid, Text: strings.TrimSpace(text), Author: actor.AccountID}
	err := s.personTx(ctx, actor, id, heard.ActionAddAgendaItem, string(eid), func(tx store.Tx, p heard.Person, g heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if _, ok := policy.EncounterFor(g, actor, e); !ok {
			return heard.ErrNotFound // a network member adds only to meetings they are invited to
		}
		if !policy.InTime(heard.ActionAddAgendaItem, e, s.now()) {
			return heard.Invalid([]heard.Problem{{Field: "text", Key: "encounter.agenda.too_late"}})
		}
		if err := a.Validate(); err != nil {
			return err
		}
		a.Created = s.now()
		return tx.AddAgendaItem(ctx, a)
	})
	return result(a, err)
}

// SaveReflection saves the person's own reflection; no one else writes it.
func (s *Service) SaveReflection(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, text string, base int) (heard.Encounter, error) {
	var e heard.Encounter
	err := s.personTx(ctx, actor, id, heard.ActionWriteReflection, string(eid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		current, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if !policy.InTime(heard.ActionWriteReflection, current, s.now()) {
			return heard.Invalid([]heard.Problem{{Field: "reflection", Key: "encounter.reflection.too_early"}})
		}
		if current.ReflectionVersion != base {
			return &Stale[heard.Encounter]{Current: current}
		}
		text = strings.TrimSpace(text)
		if err := heard.ValidComment("reflection", text); err != nil {
			return err
		}
		now := s.now()
		e = current
		e.Reflection, e.ReflectionAt, e.ReflectionVersion = text, now, base+1
		return tx.SetReflection(ctx, eid, text, now, base)
	})
	return result(e, err)
}

// SavePreparation saves the person's "what I want to bring up".
func (s *Service) SavePreparation(ctx context.Context, actor heard.Actor, id heard.PersonID, eid heard.EncounterID, fields map[string]string, base int) (heard.Preparation, error) {
	var prep heard.Preparation
	err := s.personTx(ctx, actor, id, heard.ActionWritePreparation, string(eid), func(tx store.Tx, p heard.Person, _ heard.Grant, _ heard.Relations) error {
		e, err := tx.GetEncounter(ctx, p.ID, eid)
		if err != nil {
			return err
		}
		if !policy.InTime(heard.ActionWritePreparation, e, s.now()) {
			return heard.Invalid([]heard.Problem{{Field: "preparation", Key: "preparation.not_now"}})
		}
		current, err := tx.GetPreparation(ctx, eid)
		if err != nil {
			return err
		}
		if current.Version != base {
			return &Stale[heard.Preparation]{Current: current}
		}
		prep = heard.Preparation{EncounterID: eid, Fields: mergeFields(nil, fields, nil), Version: base + 1, Updated: s.now()}
		if err := prep.Validate(); err != nil {
			return err
		}
		return tx.SavePreparation(ctx, prep, base)
	})
	return result(prep, err)
}

// invitees returns the person's network members who may be invited to
// meetings: those the person gave the meetings scope.
func invitees(ctx context.Context, tx store.Tx, person heard.PersonID, now time.Time) ([]heard.Participant, error) {
	links, err := tx.ListNetworkLinks(ctx, store.NetworkLinkFilter{PersonID: person, CurrentAt: now})
	if err != nil {
		return nil, err
	}
	var out []heard.Participant
	for _, l := range links {
		if !l.Grants(heard.ScopeMeetings) {
			continue
		}
		a, err := tx.GetAccount(ctx, l.MemberID)
		if err != nil {
			return nil, err
		}
		out = append(out, heard.Participant{Account: a.ID, Name: a.Name, Role: l.Relationship})
	}
	return out, nil
}

// withInvitees adds the invited network members to e's participants.
func withInvitees(ctx context.Context, tx store.Tx, person heard.PersonID, e *heard.Encounter, ids []heard.AccountID, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	may, err := invitees(ctx, tx, person, now)
	if err != nil {
		return err
	}
	for _, id := range ids {
		i := slices.IndexFunc(may, func(p heard.Participant) bool { return p.Account == id })
		if i < 0 {
			return heard.Invalid([]heard.Problem{{Field: "invitees", Key: "encounter.invitee.invalid"}})
		}
		if !e.HasParticipant(id) {
			e.Participants = append(e.Participants, may[i])
		}
	}
	return nil
}

// MeetingInvitees lists who the professional may invite to a meeting from
// the person's network: those the person gave the meetings scope. Only
// those who record encounters get the list.
func (s *Service) MeetingInvitees(ctx context.Context, actor heard.Actor, id heard.PersonID) (InviteesView, error) {
	var out InviteesView
	err := s.personRead(ctx, actor, id, heard.ActionReadEncounters, "invitees", func(tx store.Tx, p heard.Person, g heard.Grant, rel heard.Relations) error {
		if !can(actor, heard.ActionWriteEncounter, p, rel, s.now()) {
			return heard.ErrForbidden
		}
		out.Person = policy.PersonFor(g, p)
		var err error
		out.Invitees, err = invitees(ctx, tx, p.ID, s.now())
		return err
	})
	return result(out, err)
}

// InviteesView is whom a meeting about the person may invite.
type InviteesView struct {
	Person   heard.Person
	Invitees []heard.Participant
}
