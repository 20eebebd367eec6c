package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/store"
)

func testEncounters(t *testing.T, s store.Store) {
	f := seed(t, s)
	e := heard.Encounter{ID: heard.NewID[heard.EncounterID](), PersonID: f.person1.ID, Start: t0.Add(24 * time.Hour), Kind: heard.KindNetworkMeeting,
		Place: "Kitchen table", Participants: []heard.Participant{{Account: f.net.ID, Name: "Net Member", Role: "sister"}, {Name: "Guest", Role: "neighbour"}},
		Invited: true, Present: heard.PresenceUnknown, CreatedBy: f.pro.ID, Created: t0}
	without := heard.Encounter{ID: heard.NewID[heard.EncounterID](), PersonID: f.person1.ID, Start: t0.Add(-24 * time.Hour), Kind: heard.KindWithoutPerson,
		Present: heard.PresenceAbsent, AbsenceReason: "Team handover", CreatedBy: f.pro.ID, Created: t0}
	write(t, s, func(tx store.Tx) error {
		for _, x := range []heard.Encounter{e, without} {
			if err := tx.CreateEncounter(ctx, x); err != nil {
				return err
			}
		}
		for i, text := range []string{"My sleep", "Money worries"} {
			if err := tx.AddAgendaItem(ctx, heard.AgendaItem{ID: heard.NewID[heard.AgendaItemID](), EncounterID: e.ID, Text: text,
				Author: []heard.AccountID{f.person1.AccountID, f.pro.ID}[i], Created: t0.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		return nil
	})
	// The professional's note and the person's reflection are saved at once
	// from the same reading: neither blocks the other.
	write(t, s, func(tx store.Tx) error {
		held := e
		held.Present, held.SharedNote, held.NoteBy, held.NoteAt = heard.PresencePresent, "We talked about sleep.", f.pro.ID, t0.Add(25*time.Hour)
		if err := tx.UpdateEncounter(ctx, held, 1); err != nil {
			return err
		}
		if err := tx.SetReflection(ctx, e.ID, "I felt heard.", t0.Add(26*time.Hour), 0); err != nil {
			return err
		}
		wantCode(t, "stale encounter update", tx.UpdateEncounter(ctx, held, 1), heard.CodeStale)
		wantCode(t, "stale reflection", tx.SetReflection(ctx, e.ID, "Overwrite", t0, 0), heard.CodeStale)
		if err := tx.SavePreparation(ctx, heard.Preparation{EncounterID: e.ID, Fields: map[string]string{"questions": "Can we meet outside?"}, Updated: t0}, 0); err != nil {
			return err
		}
		wantCode(t, "second first preparation", tx.SavePreparation(ctx, heard.Preparation{EncounterID: e.ID, Fields: map[string]string{}, Updated: t0}, 0), heard.CodeStale)
		return tx.SavePreparation(ctx, heard.Preparation{EncounterID: e.ID, Fields: map[string]string{"questions": "Can we meet outside, by the lake?"}, Updated: t0}, 1)
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetEncounter(ctx, e.PersonID, e.ID)
		_, otherErr := tx.GetEncounter(ctx, f.person2.ID, e.ID)
		wantCode(t, "an encounter under another person", otherErr, heard.CodeNotFound)
		if err != nil || got.Version != 2 || got.SharedNote != "We talked about sleep." || got.Reflection != "I felt heard." || got.ReflectionVersion != 1 ||
			len(got.Participants) != 2 || got.Participants[0].Account != f.net.ID || !got.HasParticipant(f.net.ID) || got.Present != heard.PresencePresent {
			t.Errorf("encounter = %+v, %v", got, err)
		}
		items, _ := tx.ListAgendaItems(ctx, e.ID)
		if len(items) != 2 || items[0].Author != f.person1.AccountID || items[1].Text != "Money worries" {
			t.Errorf("agenda = %+v", items)
		}
		prep, _ := tx.GetPreparation(ctx, e.ID)
		none, _ := tx.GetPreparation(ctx, without.ID)
		if prep.Version != 2 || prep.Fields["questions"] != "Can we meet outside, by the lake?" || none.Version != 0 {
			t.Errorf("preparations = %+v / %+v", prep, none)
		}
		list, _ := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: f.person1.ID})
		past, _ := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: f.person1.ID, Before: t0})
		upcoming, _ := tx.ListEncounters(ctx, store.EncounterFilter{PersonID: f.person1.ID, From: t0})
		if len(list) != 2 || list[0].ID != e.ID || len(past) != 1 || !past[0].WithoutPerson() || len(upcoming) != 1 {
			t.Errorf("lists: all %d, past %d, upcoming %d", len(list), len(past), len(upcoming))
		}
		return nil
	})
}

func testDecisions(t *testing.T, s store.Store) {
	f := seed(t, s)
	write(t, s, func(tx store.Tx) error {
		return tx.CreateCareRelation(ctx, heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID, Start: t0.Add(-time.Hour), Confirmed: t0.Add(-time.Hour)})
	})
	d := heard.Decision{ID: heard.NewID[heard.DecisionID](), PersonID: f.person1.ID, OnTable: "Where to live after the ward", Options: "Own flat\nSupported housing",
		Constraints: []heard.Constraint{{Kind: heard.ConstraintResources, Text: "Waiting list", SetBy: "Municipality"}}, Preference: "My own flat",
		Outcome: "Supported housing for three months", DecidedBy: heard.DecidedTogether, Followed: heard.FollowedPartly, NotFollowedReason: "No flat free yet",
		ReviewDate: "2026-12-01", Version: 1, CreatedBy: f.pro.ID, Created: t0, UpdatedBy: f.pro.ID, Updated: t0, PreferenceBy: f.pro.ID, PreferenceAt: t0}
	other := heard.Decision{ID: heard.NewID[heard.DecisionID](), PersonID: f.person2.ID, OnTable: "Day centre", ReviewDate: "2026-11-01", CreatedBy: f.pro2.ID, Created: t0, UpdatedBy: f.pro2.ID, Updated: t0}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateDecision(ctx, d); err != nil {
			return err
		}
		if err := tx.CreateDecision(ctx, other); err != nil {
			return err
		}
		if err := tx.SetDecisionComment(ctx, d.ID, "I still want my own flat.", t0.Add(time.Hour), 0); err != nil {
			return err
		}
		d2 := d
		d2.ReviewDate, d2.Preference, d2.PreferenceBy, d2.PreferenceAt = "2026-11-20", "My own flat, near my sister", f.person1.AccountID, t0.Add(2*time.Hour)
		d2.UpdatedBy, d2.Updated = f.person1.AccountID, t0.Add(2*time.Hour)
		if err := tx.UpdateDecision(ctx, d2, d); err != nil {
			return err
		}
		wantCode(t, "stale decision", tx.UpdateDecision(ctx, d2, d), heard.CodeStale)
		moved := d
		moved.PersonID = f.person2.ID
		wantCode(t, "a decision updated under another person", tx.UpdateDecision(ctx, d2, moved), heard.CodeStale)
		wantCode(t, "stale comment", tx.SetDecisionComment(ctx, d.ID, "x", t0, 0), heard.CodeStale)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetDecision(ctx, d.PersonID, d.ID)
		_, otherErr := tx.GetDecision(ctx, f.person2.ID, d.ID)
		wantCode(t, "a decision under another person", otherErr, heard.CodeNotFound)
		if err != nil || got.Version != 2 || got.PersonComment != "I still want my own flat." || got.CommentVersion != 1 || got.ReviewDate != "2026-11-20" ||
			len(got.Constraints) != 1 || got.Constraints[0].SetBy != "Municipality" || got.Followed != heard.FollowedPartly ||
			got.PreferenceBy != f.person1.AccountID || !got.PreferenceAt.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("decision = %+v, %v", got, err)
		}
		versions, err := tx.ListDecisionVersions(ctx, d.PersonID, d.ID)
		if err != nil || len(versions) != 2 || versions[0].Version != 1 || versions[0].Preference != "My own flat" || versions[0].PreferenceBy != f.pro.ID ||
			versions[0].UpdatedBy != f.pro.ID || !versions[0].Updated.Equal(t0) || versions[1].Version != 2 || versions[1].UpdatedBy != f.person1.AccountID ||
			versions[1].ReviewDate != "2026-11-20" || len(versions[1].Constraints) != 1 || versions[1].PersonComment != "" {
			t.Errorf("versions = %+v, %v", versions, err)
		}
		if theirs, err := tx.ListDecisionVersions(ctx, f.person2.ID, d.ID); err != nil || len(theirs) != 0 {
			t.Errorf("another person's versions = %+v, %v", theirs, err)
		}
		due, _ := tx.ListDecisions(ctx, store.DecisionFilter{ReviewBy: "2026-11-23", CareOf: f.pro.ID, CareAt: t0})
		allDue, _ := tx.ListDecisions(ctx, store.DecisionFilter{ReviewBy: "2026-11-23"})
		notYet, _ := tx.ListDecisions(ctx, store.DecisionFilter{ReviewBy: "2026-11-19", CareOf: f.pro.ID, CareAt: t0})
		mine, _ := tx.ListDecisions(ctx, store.DecisionFilter{PersonID: f.person1.ID})
		if len(due) != 1 || due[0].ID != d.ID || len(allDue) != 2 || allDue[0].ID != other.ID || len(notYet) != 0 || len(mine) != 1 {
			t.Errorf("due for pro %d, all due %d, not yet %d, person's %d", len(due), len(allDue), len(notYet), len(mine))
		}
		return nil
	})
}

func testRestrictions(t *testing.T, s store.Store) {
	f := seed(t, s)
	basis := heard.LegalBasis{ID: heard.NewID[heard.LegalBasisID](), OrganisationID: f.org.ID, Name: "Mental Health Care Act § 4-8", Created: t0}
	r := heard.Restriction{ID: heard.NewID[heard.RestrictionID](), PersonID: f.person1.ID, Kind: heard.RestrictLeave, Description: "No leave alone",
		LegalBasisID: basis.ID, LegalBasis: basis.Name, Start: "2026-11-10", ReviewDate: "2026-11-20", CreatedBy: f.pro.ID, Created: t0, UpdatedBy: f.pro.ID, Updated: t0}
	ended := heard.Restriction{ID: heard.NewID[heard.RestrictionID](), PersonID: f.person1.ID, Kind: heard.RestrictSearch, LegalBasis: "Free text basis",
		Start: "2026-11-01", ReviewDate: "2026-11-05", End: "2026-11-06", CreatedBy: f.pro.ID, Created: t0, UpdatedBy: f.pro.ID, Updated: t0}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateLegalBasis(ctx, basis); err != nil {
			return err
		}
		if err := tx.CreateCareRelation(ctx, heard.CareRelation{ID: heard.NewID[heard.CareRelationID](), PersonID: f.person1.ID, ProfessionalID: f.pro.ID, UnitID: f.unit.ID, Start: t0.Add(-time.Hour), Confirmed: t0.Add(-time.Hour)}); err != nil {
			return err
		}
		for _, x := range []heard.Restriction{r, ended} {
			if err := tx.CreateRestriction(ctx, x); err != nil {
				return err
			}
		}
		if err := tx.SetRestrictionView(ctx, r.ID, "I understand, but I want to walk alone.", t0, 0); err != nil {
			return err
		}
		wantCode(t, "stale view", tx.SetRestrictionView(ctx, r.ID, "x", t0, 0), heard.CodeStale)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetRestriction(ctx, r.PersonID, r.ID)
		_, otherErr := tx.GetRestriction(ctx, f.person2.ID, r.ID)
		wantCode(t, "a restriction under another person", otherErr, heard.CodeNotFound)
		if err != nil || got.PersonView != "I understand, but I want to walk alone." || got.ViewVersion != 1 || got.LegalBasisID != basis.ID || got.Version != 1 {
			t.Errorf("restriction = %+v, %v", got, err)
		}
		for _, c := range []struct {
			name string
			f    store.RestrictionFilter
			want int
		}{
			{"past review today", store.RestrictionFilter{PastReviewOn: "2026-11-23"}, 1},
			{"not past review on the review day", store.RestrictionFilter{PastReviewOn: "2026-11-20"}, 0},
			{"of the professional's persons", store.RestrictionFilter{PastReviewOn: "2026-11-23", CareOf: f.pro.ID, CareAt: t0}, 1},
			{"of another professional's persons", store.RestrictionFilter{PastReviewOn: "2026-11-23", CareOf: f.pro2.ID, CareAt: t0}, 0},
			{"in the unit", store.RestrictionFilter{PastReviewOn: "2026-11-23", InUnit: f.unit.ID, CareAt: t0}, 1},
			{"in another unit", store.RestrictionFilter{PastReviewOn: "2026-11-23", InUnit: f.unit2.ID, CareAt: t0}, 0},
			{"all of the person's", store.RestrictionFilter{PersonID: f.person1.ID}, 2},
		} {
			got, err := tx.ListRestrictions(ctx, c.f)
			if err != nil || len(got) != c.want {
				t.Errorf("%s: %d, %v; want %d", c.name, len(got), err, c.want)
			}
		}
		bases, err := tx.ListLegalBases(ctx, f.org.ID)
		other, _ := tx.ListLegalBases(ctx, f.otherOrg.ID)
		if err != nil || len(bases) != 1 || len(other) != 0 {
			t.Errorf("legal bases = %+v, %v", bases, err)
		}
		return nil
	})
}

// Feedback: one per author and meeting, saved by version, read only
// under its person.
func testFeedback(t *testing.T, s store.Store) {
	f := seed(t, s)
	e := heard.Encounter{ID: heard.NewID[heard.EncounterID](), PersonID: f.person1.ID, Start: t0.Add(-time.Hour), Kind: heard.KindOutpatient,
		Invited: true, Present: heard.PresencePresent, CreatedBy: f.pro.ID, Created: t0}
	fb := heard.Feedback{ID: heard.NewID[heard.FeedbackID](), PersonID: f.person1.ID, EncounterID: e.ID, Author: f.person1.AccountID,
		Answers: map[heard.FeedbackQuestion]int{heard.QuestionHeard: 4, heard.QuestionHope: 2}, Helped: "Tea first", Created: t0, Updated: t0}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateEncounter(ctx, e); err != nil {
			return err
		}
		if err := tx.SaveFeedback(ctx, fb, 0); err != nil {
			return err
		}
		twin := fb
		twin.ID = heard.NewID[heard.FeedbackID]()
		wantCode(t, "a second new feedback by the same author", tx.SaveFeedback(ctx, twin, 0), heard.CodeStale)
		changed := fb
		changed.Share, changed.Answers, changed.FeltWrong, changed.Updated = []heard.Share{heard.ShareProfessionals}, map[heard.FeedbackQuestion]int{heard.QuestionRespected: 5}, "Rushed", t0.Add(time.Hour)
		if err := tx.SaveFeedback(ctx, changed, 1); err != nil {
			return err
		}
		wantCode(t, "a stale feedback", tx.SaveFeedback(ctx, changed, 1), heard.CodeStale)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.ListFeedback(ctx, f.person1.ID, e.ID)
		if err != nil || len(got) != 1 || got[0].Version != 2 || !got[0].SharedWith(heard.ShareProfessionals) || got[0].Answers[heard.QuestionRespected] != 5 ||
			len(got[0].Answers) != 1 || got[0].FeltWrong != "Rushed" || got[0].Helped != "Tea first" || !got[0].Updated.Equal(t0.Add(time.Hour)) {
			t.Errorf("feedback = %+v, %v", got, err)
		}
		if other, err := tx.ListFeedback(ctx, f.person2.ID, e.ID); err != nil || len(other) != 0 {
			t.Errorf("feedback under another person = %+v, %v", other, err)
		}
		if hers, err := tx.ListFeedbackBy(ctx, f.person1.ID, f.person1.AccountID); err != nil || len(hers) != 1 || hers[0].ID != fb.ID {
			t.Errorf("her feedback = %+v, %v", hers, err)
		}
		if others, err := tx.ListFeedbackBy(ctx, f.person1.ID, f.pro.ID); err != nil || len(others) != 0 {
			t.Errorf("feedback by someone else = %+v, %v", others, err)
		}
		return nil
	})

	// The pool: stories apart, the feedback keeping their IDs.
	helped := heard.Story{ID: heard.NewID[heard.StoryID](), OrganisationID: f.org.ID, Kind: heard.StoryHelped, UnitID: f.unit.ID,
		Month: "2026-11", EncounterKind: heard.KindOutpatient, Text: "Tea first, with [name]"}
	wrong := heard.Story{ID: heard.NewID[heard.StoryID](), OrganisationID: f.org.ID, Kind: heard.StoryFeltWrong, Month: "2026-10",
		EncounterKind: heard.KindPhone, Text: "Rushed"}
	write(t, s, func(tx store.Tx) error {
		for _, st := range []heard.Story{helped, wrong} {
			if err := tx.CreateStory(ctx, st); err != nil {
				return err
			}
		}
		got, err := tx.ListFeedback(ctx, f.person1.ID, e.ID)
		if err != nil {
			return err
		}
		pooled := got[0]
		pooled.Share = []heard.Share{heard.ShareProfessionals, heard.SharePool}
		pooled.Stories = map[heard.StoryKind]heard.StoryID{heard.StoryHelped: helped.ID, heard.StoryFeltWrong: wrong.ID}
		return tx.SaveFeedback(ctx, pooled, 2)
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.ListFeedback(ctx, f.person1.ID, e.ID)
		if err != nil || len(got) != 1 || !got[0].SharedWith(heard.SharePool) || got[0].Stories[heard.StoryHelped] != helped.ID || got[0].Stories[heard.StoryFeltWrong] != wrong.ID {
			t.Errorf("pooled feedback = %+v, %v", got, err)
		}
		all, err := tx.ListStories(ctx, f.org.ID, store.StoryFilter{})
		if err != nil || len(all) != 2 || all[0].ID != helped.ID || all[0].UnitName != f.unit.Name || all[0].Text != helped.Text || all[1].UnitID != "" {
			t.Errorf("the pool, newest month first = %+v, %v", all, err)
		}
		for name, c := range map[string]struct {
			f    store.StoryFilter
			want int
		}{
			"by unit":  {store.StoryFilter{UnitID: f.unit.ID}, 1},
			"by kind":  {store.StoryFilter{Kind: heard.StoryFeltWrong}, 1},
			"from":     {store.StoryFilter{From: "2026-11"}, 1},
			"to":       {store.StoryFilter{To: "2026-10"}, 1},
			"between":  {store.StoryFilter{From: "2026-10", To: "2026-11"}, 2},
			"no match": {store.StoryFilter{UnitID: f.unit2.ID}, 0},
		} {
			if got, err := tx.ListStories(ctx, f.org.ID, c.f); err != nil || len(got) != c.want {
				t.Errorf("stories %s = %+v, %v; want %d", name, got, err, c.want)
			}
		}
		if other, err := tx.ListStories(ctx, f.otherOrg.ID, store.StoryFilter{}); err != nil || len(other) != 0 {
			t.Errorf("another organisation's pool = %+v, %v", other, err)
		}
		names, err := tx.KnownNames(ctx, f.org.ID)
		if err != nil || !slices.Contains(names, f.person1.Name) || !slices.Contains(names, f.pro.Name) || !slices.Contains(names, f.net.Name) ||
			slices.Contains(names, f.outsider.Name) {
			t.Errorf("known names = %v, %v", names, err)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		if err := tx.DeleteStory(ctx, f.otherOrg.ID, helped.ID); err != nil {
			return err
		}
		if err := tx.DeleteStory(ctx, f.org.ID, wrong.ID); err != nil {
			return err
		}
		return tx.DeleteStory(ctx, f.org.ID, wrong.ID)
	})
	read(t, s, func(tx store.Tx) error {
		if all, err := tx.ListStories(ctx, f.org.ID, store.StoryFilter{}); err != nil || len(all) != 1 || all[0].ID != helped.ID {
			t.Errorf("the pool after taking one story out (and not one through another organisation) = %+v, %v", all, err)
		}
		return nil
	})
}

func testCheckIns(t *testing.T, s store.Store) {
	f := seed(t, s)
	first := heard.CheckIn{ID: heard.NewID[heard.CheckInID](), PersonID: f.person1.ID,
		Answers: map[heard.CheckInItem]int{heard.ItemHope: 0, heard.ItemMeaning: 10}, Better: "Sleep", Created: t0}
	second := heard.CheckIn{ID: heard.NewID[heard.CheckInID](), PersonID: f.person1.ID, Answers: map[heard.CheckInItem]int{}, Better: "A walk",
		Created: t0.Add(7 * 24 * time.Hour)}
	read(t, s, func(tx store.Tx) error {
		last, err := tx.LastCheckIn(ctx, f.person1.ID)
		sched, err2 := tx.CheckInSchedule(ctx, f.person1.ID)
		if err != nil || err2 != nil || !last.IsZero() || sched != heard.ScheduleNever {
			t.Errorf("before any check-in: last %v, schedule %q, %v, %v", last, sched, err, err2)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		for _, c := range []heard.CheckIn{second, first} {
			if err := tx.CreateCheckIn(ctx, c); err != nil {
				return err
			}
		}
		if err := tx.SetCheckInSchedule(ctx, f.person1.ID, heard.ScheduleWeekly, t0); err != nil {
			return err
		}
		return tx.SetCheckInSchedule(ctx, f.person1.ID, heard.ScheduleMonthly, t0.Add(time.Hour))
	})
	read(t, s, func(tx store.Tx) error {
		all, err := tx.ListCheckIns(ctx, f.person1.ID, time.Time{})
		if err != nil || len(all) != 2 || all[0].ID != first.ID || len(all[0].Answers) != 2 || all[0].Answers[heard.ItemHope] != 0 ||
			all[0].Answers[heard.ItemMeaning] != 10 || all[0].Better != "Sleep" || !all[0].Created.Equal(t0) || len(all[1].Answers) != 0 {
			t.Errorf("check-ins = %+v, %v", all, err)
		}
		if later, err := tx.ListCheckIns(ctx, f.person1.ID, t0.Add(time.Hour)); err != nil || len(later) != 1 || later[0].ID != second.ID {
			t.Errorf("check-ins since = %+v, %v", later, err)
		}
		if other, err := tx.ListCheckIns(ctx, f.person2.ID, time.Time{}); err != nil || len(other) != 0 {
			t.Errorf("another person's check-ins = %+v, %v", other, err)
		}
		last, err := tx.LastCheckIn(ctx, f.person1.ID)
		sched, err2 := tx.CheckInSchedule(ctx, f.person1.ID)
		if err != nil || err2 != nil || !last.Equal(second.Created) || sched != heard.ScheduleMonthly {
			t.Errorf("after: last %v, schedule %q, %v, %v", last, sched, err, err2)
		}
		return nil
	})
}

func testInstruments(t *testing.T, s store.Store) {
	f := seed(t, s)
	in := heard.Instrument{ID: heard.NewID[heard.InstrumentID](), OrganisationID: f.org.ID, Title: "Everyday", Licence: "Ours",
		Resource: `{"resourceType":"Questionnaire"}`, Scoring: heard.ScoringRule{Method: "sum", Items: []string{"a", "b"}, Reversed: []string{"b"}, Max: 4},
		Schedule: heard.ScheduleMonthly, CreatedBy: f.pro.ID, Created: t0}
	scored := heard.QuestionnaireResponse{ID: heard.NewID[heard.QuestionnaireResponseID](), PersonID: f.person1.ID, InstrumentID: in.ID,
		Response: `{"resourceType":"QuestionnaireResponse"}`, Score: 6.5, HasScore: true, Created: t0}
	unscored := heard.QuestionnaireResponse{ID: heard.NewID[heard.QuestionnaireResponseID](), PersonID: f.person1.ID, InstrumentID: in.ID,
		Response: `{}`, Created: t0.Add(time.Hour)}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateInstrument(ctx, in); err != nil {
			return err
		}
		for _, r := range []heard.QuestionnaireResponse{unscored, scored} {
			if err := tx.CreateQuestionnaireResponse(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.GetInstrument(ctx, f.org.ID, in.ID)
		if err != nil || got.Title != in.Title || got.Resource != in.Resource || got.Scoring.Reversed[0] != "b" || got.Scoring.Max != 4 ||
			got.Schedule != heard.ScheduleMonthly || !got.Created.Equal(t0) {
			t.Errorf("instrument = %+v, %v", got, err)
		}
		if _, err := tx.GetInstrument(ctx, f.otherOrg.ID, in.ID); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("instrument through another organisation: %v", err)
		}
		if all, err := tx.ListInstruments(ctx, f.org.ID); err != nil || len(all) != 1 {
			t.Errorf("instruments = %+v, %v", all, err)
		}
		rs, err := tx.ListQuestionnaireResponses(ctx, f.person1.ID)
		if err != nil || len(rs) != 2 || rs[0].ID != scored.ID || !rs[0].HasScore || rs[0].Score != 6.5 || rs[1].HasScore || rs[1].Response != "{}" {
			t.Errorf("responses = %+v, %v", rs, err)
		}
		if other, err := tx.ListQuestionnaireResponses(ctx, f.person2.ID); err != nil || len(other) != 0 {
			t.Errorf("another person's responses = %+v, %v", other, err)
		}
		return nil
	})
}

func testInvitations(t *testing.T, s store.Store) {
	f := seed(t, s)
	inv := heard.Invitation{ID: heard.NewID[heard.InvitationID](), PersonID: f.person1.ID, Email: "liv@example.test", Name: "Liv", Relationship: "my mother",
		Scopes: []heard.Scope{heard.ScopeMeetings, heard.ScopeCrisisPlan}, Months: 6, TokenHash: "hash-1", CreatedBy: f.person1.AccountID, Created: t0, Expires: t0.Add(time.Hour)}
	other := inv
	other.ID, other.TokenHash, other.Email, other.Created = heard.NewID[heard.InvitationID](), "hash-2", "ove@example.test", t0.Add(time.Minute)
	write(t, s, func(tx store.Tx) error {
		for _, i := range []heard.Invitation{inv, other} {
			if err := tx.CreateInvitation(ctx, i); err != nil {
				return err
			}
		}
		wantCode(t, "withdrawing through another person", tx.WithdrawInvitation(ctx, f.person2.ID, other.ID, t0), heard.CodeNotFound)
		if err := tx.WithdrawInvitation(ctx, f.person1.ID, other.ID, t0.Add(2*time.Minute)); err != nil {
			return err
		}
		wantCode(t, "accepting a withdrawn one", tx.AcceptInvitation(ctx, "hash-2", f.net.ID, t0.Add(3*time.Minute)), heard.CodeNotFound)
		wantCode(t, "accepting after it expired", tx.AcceptInvitation(ctx, "hash-1", f.net.ID, t0.Add(time.Hour)), heard.CodeNotFound)
		if err := tx.AcceptInvitation(ctx, "hash-1", f.net.ID, t0.Add(4*time.Minute)); err != nil {
			return err
		}
		wantCode(t, "accepting twice", tx.AcceptInvitation(ctx, "hash-1", f.net.ID, t0.Add(5*time.Minute)), heard.CodeNotFound)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		all, err := tx.ListInvitations(ctx, f.person1.ID)
		if err != nil || len(all) != 2 || all[0].ID != other.ID || all[0].Withdrawn.IsZero() || all[1].AcceptedBy != f.net.ID ||
			len(all[1].Scopes) != 2 || all[1].Relationship != "my mother" || all[1].Months != 6 {
			t.Errorf("invitations = %+v, %v", all, err)
		}
		got, err := tx.GetInvitationByToken(ctx, "hash-1")
		if err != nil || got.ID != inv.ID || got.Accepted.IsZero() {
			t.Errorf("by token = %+v, %v", got, err)
		}
		if _, err := tx.GetInvitationByToken(ctx, "nothing"); heard.ErrorCode(err) != heard.CodeNotFound {
			t.Errorf("an unknown token: %v", err)
		}
		if theirs, err := tx.ListInvitations(ctx, f.person2.ID); err != nil || len(theirs) != 0 {
			t.Errorf("another person's invitations = %+v, %v", theirs, err)
		}
		return nil
	})
	pr := heard.Proposal{ID: heard.NewID[heard.ProposalID](), PersonID: f.person1.ID, ProposedBy: f.pro.ID, Name: "Liv", Relationship: "aunt", Reason: "She asked about Liv", Created: t0}
	write(t, s, func(tx store.Tx) error {
		if err := tx.CreateProposal(ctx, pr); err != nil {
			return err
		}
		wantCode(t, "closing through another person", tx.CloseProposal(ctx, f.person2.ID, pr.ID, true, t0), heard.CodeNotFound)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.ListProposals(ctx, f.person1.ID)
		if err != nil || len(got) != 1 || !got[0].Open() || got[0].ProposerName != f.pro.Name || got[0].Reason != pr.Reason {
			t.Errorf("proposals = %+v, %v", got, err)
		}
		return nil
	})
	write(t, s, func(tx store.Tx) error {
		if err := tx.CloseProposal(ctx, f.person1.ID, pr.ID, true, t0.Add(time.Minute)); err != nil {
			return err
		}
		wantCode(t, "closing twice", tx.CloseProposal(ctx, f.person1.ID, pr.ID, false, t0.Add(2*time.Minute)), heard.CodeNotFound)
		return nil
	})
	read(t, s, func(tx store.Tx) error {
		got, err := tx.ListProposals(ctx, f.person1.ID)
		if err != nil || len(got) != 1 || got[0].Open() || !got[0].Invited {
			t.Errorf("closed proposals = %+v, %v", got, err)
		}
		return nil
	})
}
