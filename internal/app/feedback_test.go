package app

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

// Her feedback on a meeting is hers: only her, until she shares it with the
// professionals who took part; then those, and no other professional in
// her care; unshared again, nobody but her. It is given after a meeting she
// took part in, by her alone.
func TestService_FeedbackFollowsHerChoice(t *testing.T) {
	w := newWorld(t)
	w.care(NewCareRelation{PersonID: w.p1, ProfessionalID: w.pro2.AccountID, UnitID: w.unit2.ID}, w.leader2)
	past := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-2 * time.Hour), Kind: heard.KindOutpatient,
		Invited: true, Present: heard.PresencePresent, Participants: []heard.Participant{{Account: w.pro.AccountID, Name: w.pro.Name}}}))
	soon := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(48 * time.Hour), Kind: heard.KindOutpatient, Invited: true}))
	without := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindWithoutPerson,
		Participants: []heard.Participant{{Name: "Team"}}, Present: heard.PresenceAbsent, AbsenceReason: "Team meeting"}))

	seen := func(reader heard.Actor) []FeedbackView {
		t.Helper()
		return must(w.app.Encounter(ctx, reader, w.p1, past.ID)).SharedFeedback
	}
	in := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 4, heard.QuestionHope: 5}, Helped: "Being asked what I wanted first."}
	f := must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	if f.Version != 1 || f.SharedWith(heard.ShareProfessionals) {
		t.Fatalf("new feedback = %+v; want version 1, only hers", f)
	}
	if mine := must(w.app.Encounter(ctx, w.person1, w.p1, past.ID)).MyFeedback; mine == nil || mine.Answers[heard.QuestionHope] != 5 {
		t.Errorf("her own feedback = %+v", mine)
	}
	if got := seen(w.pro); len(got) != 0 {
		t.Errorf("feedback she kept to herself reached the professional in the meeting: %+v", got)
	}

	in.Share, in.BaseVersion = []heard.Share{heard.ShareProfessionals}, 1
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	got := seen(w.pro)
	if len(got) != 1 || got[0].Feedback.Helped != in.Helped || !got[0].Author.Her || got[0].Feedback.Version != 0 {
		t.Errorf("shared feedback as the professional in the meeting sees it = %+v", got)
	}
	read := 0
	for _, e := range w.log(t, w.p1) {
		if e.Action == heard.ActionReadFeedback && e.ActorID == w.pro.AccountID && e.ResourceID == string(past.ID) {
			read++
		}
	}
	if read != 1 {
		t.Errorf("her log has %d entries of the professional reading her feedback, want 1", read)
	}
	if got := seen(w.pro2); len(got) != 0 {
		t.Errorf("a professional in her care who was not in the meeting sees her feedback: %+v", got)
	}

	in.Share, in.BaseVersion = nil, 2
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	if got := seen(w.pro); len(got) != 0 {
		t.Errorf("withdrawn feedback still reaches the professional: %+v", got)
	}

	var stale *Stale[heard.Feedback]
	if _, err := w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in); !errors.As(err, &stale) || stale.Current.Version != 3 {
		t.Errorf("a save from an old version: %v", err)
	}
	if _, err := w.app.SaveFeedback(ctx, w.pro, w.p1, past.ID, in); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("a professional giving her feedback: %v", err)
	}
	for name, e := range map[string]heard.Encounter{"a meeting to come": soon, "a meeting without her": without} {
		in.BaseVersion = 0
		if _, err := w.app.SaveFeedback(ctx, w.person1, w.p1, e.ID, in); heard.ErrorCode(err) != heard.CodeInvalid {
			t.Errorf("feedback on %s: %v", name, err)
		}
	}
	if _, err := w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, FeedbackInput{BaseVersion: 3}); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("empty feedback: %v", err)
	}
	bad := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 9}, BaseVersion: 3}
	if p := heard.Problems(errOf(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, bad))); len(p) != 1 || p[0].Field != "heard" {
		t.Errorf("an answer off the scale: %v", p)
	}
}

// errOf is the error of a call that returns a value too.
func errOf[T any](_ T, err error) error { return err }

// A feedback link's token is stored only as its hash, works until it
// expires, and is made only for a meeting she can give feedback on.
func TestService_FeedbackLinkIsHashedAndExpires(t *testing.T) {
	w := newWorld(t)
	past := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindOutpatient, Invited: true}))
	soon := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(time.Hour), Kind: heard.KindOutpatient, Invited: true}))
	link := must(w.app.CreateFeedbackLink(ctx, w.person1, w.p1, past.ID))
	if len(link.Token) < 43 || !link.Expires.Equal(w.clock.Now().Add(heard.FeedbackLinkLife)) {
		t.Fatalf("link = %+v", link)
	}
	_ = w.st.Read(ctx, func(tx store.Tx) error {
		if _, err := tx.GetFeedbackLink(ctx, link.Token); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("the token itself is stored: %v", err)
		}
		if l, err := tx.GetFeedbackLink(ctx, tokenHash(link.Token)); err != nil || l.EncounterID != past.ID || l.CreatedBy != w.person1.AccountID {
			t.Errorf("the link by its hash = %+v, %v", l, err)
		}
		return nil
	})
	if v, err := w.app.OpenFeedbackLink(ctx, link.Token, "192.0.2.9", "r"); err != nil || !v.Day.Equal(past.Start) {
		t.Errorf("opening the link = %+v, %v", v, err)
	}
	if e := last(w.log(t, w.p1)); e.Action != heard.ActionReadEncounters || e.Basis != heard.BasisFeedbackLink || e.ActorID != "" {
		t.Errorf("opening the link is not in her log as read through it: %+v", e)
	}
	if _, err := w.app.CreateFeedbackLink(ctx, w.person1, w.p1, soon.ID); heard.ErrorCode(err) != heard.CodeInvalid {
		t.Errorf("a link for a meeting to come: %v", err)
	}
	if _, err := w.app.CreateFeedbackLink(ctx, w.net, w.p1, past.ID); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("a network member making a link: %v", err)
	}
	w.clock.Advance(heard.FeedbackLinkLife)
	if _, err := w.app.OpenFeedbackLink(ctx, link.Token, "192.0.2.9", "r"); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("an expired link opens: %v", err)
	}
	in := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 3}}
	if err := w.app.GiveFeedbackByLink(ctx, link.Token, "192.0.2.9", "r", in); heard.ErrorCode(err) != heard.CodeNotFound {
		t.Errorf("an expired link takes feedback: %v", err)
	}
}

// What she gives the pool goes in de-identified and apart from her record,
// is read by leaders and researchers only, follows her changes, and leaves
// the pool the moment she takes it back.
func TestService_StoryPoolFollowsHerChoice(t *testing.T) {
	w := newWorld(t)
	start := w.clock.Now().Add(-time.Hour)
	month := start.Format("2006-01")
	past := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: start, Kind: heard.KindHomeVisit, Invited: true, Present: heard.PresencePresent,
		Participants: []heard.Participant{{Account: w.pro.AccountID, Name: w.pro.Name}, {Name: "Kari Nordmann", Role: "peer worker"}}}))
	pool := func(reader heard.Actor) []heard.Story {
		t.Helper()
		return must(w.app.Stories(ctx, reader, StoryFilter{}))
	}
	in := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 5},
		Helped:    "Karis rolige stemme. Ring meg på 987 65 432 eller p1@example.test.",
		FeltWrong: "Waiting in the hall.",
		Share:     []heard.Share{heard.SharePool}}
	f := must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	got := pool(w.leader)
	if len(got) != 2 {
		t.Fatalf("pool after sharing two texts = %+v", got)
	}
	byKind := map[heard.StoryKind]heard.Story{}
	for _, s := range got {
		byKind[s.Kind] = s
	}
	helped := byKind[heard.StoryHelped]
	if helped.Text != "[name] rolige stemme. Ring meg på [phone] eller [email]." || helped.Month != month ||
		helped.EncounterKind != heard.KindHomeVisit || helped.UnitID != w.unit.ID || helped.UnitName == "" {
		t.Errorf("the pool's story = %+v", helped)
	}
	if byKind[heard.StoryFeltWrong].Text != in.FeltWrong {
		t.Errorf("the felt-wrong story = %+v", byKind[heard.StoryFeltWrong])
	}
	if len(pool(w.researcher)) != 2 {
		t.Errorf("the researcher does not read the pool")
	}
	for name, reader := range map[string]heard.Actor{"her professional": w.pro, "she": w.person1, "an admin": w.admin} {
		if _, err := w.app.Stories(ctx, reader, StoryFilter{}); heard.ErrorCode(err) != heard.CodeForbidden {
			t.Errorf("%s reading the pool: %v", name, err)
		}
	}
	elsewhere := w.leader
	elsewhere.OrganisationID = heard.NewID[heard.OrganisationID]()
	if other := pool(elsewhere); len(other) != 0 {
		t.Errorf("a leader in another organisation reads her stories: %+v", other)
	}
	if _, err := w.app.Stories(ctx, w.leader, StoryFilter{Kind: "score", From: "March"}); len(heard.Problems(err)) != 2 {
		t.Errorf("a bad filter: %v", err)
	}
	if got := must(w.app.Stories(ctx, w.leader, StoryFilter{Kind: heard.StoryFeltWrong, From: month, To: month})); len(got) != 1 {
		t.Errorf("filtered pool = %+v", got)
	}
	if got := must(w.app.Stories(ctx, w.leader, StoryFilter{From: start.AddDate(0, 1, 0).Format("2006-01")})); len(got) != 0 {
		t.Errorf("pool from next month = %+v", got)
	}

	// The professional she shares with sees the feedback, but neither its
	// stories nor that it went to the pool.
	in.Share, in.BaseVersion = []heard.Share{heard.ShareProfessionals, heard.SharePool}, f.Version
	f = must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	if shared := must(w.app.Encounter(ctx, w.pro, w.p1, past.ID)).SharedFeedback; len(shared) != 1 ||
		shared[0].Feedback.Stories != nil || shared[0].Feedback.SharedWith(heard.SharePool) {
		t.Errorf("the professional sees the pool behind her feedback: %+v", shared)
	}
	if again := pool(w.leader); len(again) != 2 || again[0].ID != got[0].ID && again[0].ID != got[1].ID {
		t.Errorf("a save that left the texts alone changed the pool: %+v", again)
	}

	// A changed text replaces its story; an emptied one leaves.
	in.Helped, in.FeltWrong, in.BaseVersion = "Being asked first.", "", f.Version
	f = must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	if got := pool(w.leader); len(got) != 1 || got[0].Text != "Being asked first." || got[0].ID == helped.ID {
		t.Errorf("pool after changing one text and emptying the other = %+v", got)
	}

	// Withdrawn: gone at once.
	in.Share, in.BaseVersion = []heard.Share{heard.ShareProfessionals}, f.Version
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, in))
	if got := pool(w.leader); len(got) != 0 {
		t.Errorf("withdrawn stories are still in the pool: %+v", got)
	}
}

// Her home asks how her recent meetings were until she answers or says
// "not this time"; it does not ask about meetings she missed, meetings
// long past, or meetings to come, and asks one thing at low capacity.
func TestService_FeedbackDueOnHerHome(t *testing.T) {
	w := newWorld(t)
	now := w.clock.Now()
	meeting := func(ago time.Duration, present heard.Presence) heard.Encounter {
		return must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: now.Add(-ago), Kind: heard.KindOutpatient, Invited: true, Present: present,
			AbsenceReason: map[heard.Presence]string{heard.PresenceAbsent: "She was ill"}[present]}))
	}
	answered := meeting(3*time.Hour, heard.PresencePresent)
	dismissed := meeting(2*time.Hour, heard.PresencePresent)
	open := meeting(time.Hour, heard.PresencePresent)
	older := meeting(24*time.Hour, heard.PresencePresent)
	meeting(20*24*time.Hour, heard.PresencePresent)
	meeting(5*time.Hour, heard.PresenceAbsent)
	meeting(-time.Hour, heard.PresenceUnknown)
	due := func() []heard.EncounterID {
		t.Helper()
		var ids []heard.EncounterID
		for _, e := range must(w.app.PersonHome(ctx, w.person1)).FeedbackDue {
			ids = append(ids, e.ID)
		}
		return ids
	}
	if got := due(); !slices.Equal(got, []heard.EncounterID{open.ID, dismissed.ID, answered.ID, older.ID}) {
		t.Fatalf("due = %v", got)
	}
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, answered.ID, FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHope: 3}}))
	must(0, w.app.DismissFeedback(ctx, w.person1, w.p1, dismissed.ID))
	must(0, w.app.DismissFeedback(ctx, w.person1, w.p1, dismissed.ID))
	if got := due(); !slices.Equal(got, []heard.EncounterID{open.ID, older.ID}) {
		t.Errorf("due after one answer and one dismissal = %v", got)
	}
	dismissals := 0
	for _, e := range w.log(t, w.p1) {
		if e.Action == heard.ActionDismissFeedback && e.ResourceID == string(dismissed.ID) {
			dismissals++
		}
	}
	if dismissals != 2 {
		t.Errorf("her log has %d dismissals of the meeting, want 2 (said twice)", dismissals)
	}
	if err := w.app.DismissFeedback(ctx, w.pro, w.p1, open.ID); heard.ErrorCode(err) != heard.CodeForbidden {
		t.Errorf("her professional dismissing her feedback: %v", err)
	}
	must(0, w.app.SetCapacity(ctx, w.person1, w.p1, heard.CapacityLow))
	if got := due(); !slices.Equal(got, []heard.EncounterID{open.ID}) {
		t.Errorf("due at low capacity = %v", got)
	}
	if got := must(w.app.Encounter(ctx, w.person1, w.p1, dismissed.ID)); !got.CanGiveFeedback {
		t.Errorf("a dismissed meeting no longer takes feedback on its page")
	}
}

// A link only ever adds her feedback: it cannot replace what she wrote,
// nor be used once the meeting no longer takes feedback (she was absent
// after all), and none is made when she has given it.
func TestService_FeedbackLinkNeverReplacesHers(t *testing.T) {
	w := newWorld(t)
	past := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindOutpatient, Invited: true,
		Present: heard.PresencePresent}))
	link := must(w.app.CreateFeedbackLink(ctx, w.pro, w.p1, past.ID))
	mine := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 1}, FeltWrong: "Nobody asked me first."}
	must(w.app.SaveFeedback(ctx, w.person1, w.p1, past.ID, mine))
	if _, err := w.app.OpenFeedbackLink(ctx, link.Token, "", ""); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("opening a link to feedback she gave: %v", err)
	}
	forged := FeedbackInput{Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 5}, Helped: "Everything was fine.", Share: []heard.Share{heard.ShareProfessionals}}
	if err := w.app.GiveFeedbackByLink(ctx, link.Token, "", "", forged); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("replacing her feedback through a link: %v", err)
	}
	if f := must(w.app.Encounter(ctx, w.person1, w.p1, past.ID)).MyFeedback; f == nil || f.FeltWrong != mine.FeltWrong || f.Answers[heard.QuestionHeard] != 1 {
		t.Errorf("her feedback after the attempt = %+v", f)
	}
	if _, err := w.app.CreateFeedbackLink(ctx, w.pro, w.p1, past.ID); len(heard.Problems(err)) != 1 {
		t.Errorf("a link for a meeting she gave feedback on: %v", err)
	}

	other := must(w.app.CreateEncounter(ctx, w.pro, w.p1, EncounterInput{Start: w.clock.Now().Add(-time.Hour), Kind: heard.KindPhone, Invited: true,
		Present: heard.PresencePresent}))
	late := must(w.app.CreateFeedbackLink(ctx, w.pro, w.p1, other.ID))
	must(w.app.UpdateEncounter(ctx, w.pro, w.p1, other.ID, EncounterInput{Start: other.Start, Kind: other.Kind, Invited: true, Present: heard.PresenceAbsent,
		AbsenceReason: "She did not come", BaseVersion: other.Version}))
	if err := w.app.GiveFeedbackByLink(ctx, late.Token, "", "", forged); !errors.Is(err, heard.ErrNotFound) {
		t.Errorf("a link to a meeting she missed after all: %v", err)
	}
}
