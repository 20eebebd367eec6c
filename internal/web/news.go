package web

import (
	"github.com/heard-health/heard/internal/app"
	"github.com/heard-health/heard/internal/heard"
	"github.com/heard-health/heard/internal/i18n"
)

// newsBox is the "new since you were last here" list of a home.
type newsBox struct {
	page
	Items       []app.NewsItem
	FeedbackDue []heard.Encounter
	CheckInDue  bool
	// QuestionnairesDue are the instruments due for her.
	QuestionnairesDue []heard.Instrument
	// AccessEnding and ProposalsWaiting ask her about her network.
	AccessEnding     []app.NetworkMember
	ProposalsWaiting int
	PersonID         heard.PersonID
}

// Due reports whether anything waits for her to act.
func (b newsBox) Due() bool {
	return b.CheckInDue || len(b.QuestionnairesDue) > 0 || len(b.FeedbackDue) > 0 || len(b.AccessEnding) > 0 || b.ProposalsWaiting > 0
}

// News prepares the list for the news partial.
func (p page) News(items []app.NewsItem) newsBox { return newsBox{page: p, Items: items} }

// HerNews is her news, with what waits for her first: a check-in, then the
// meetings that wait for her feedback.
func (p page) HerNews(h app.HomeView) newsBox {
	return newsBox{page: p, Items: h.News, FeedbackDue: h.FeedbackDue, CheckInDue: h.CheckInDue, QuestionnairesDue: h.QuestionnairesDue,
		AccessEnding: h.AccessEnding, ProposalsWaiting: h.ProposalsWaiting, PersonID: h.View.Person.ID}
}

// NewsLink is where an item's record is.
func (p page) NewsLink(it app.NewsItem) string {
	switch it.Action {
	case heard.ActionWriteDecision, heard.ActionCommentDecision, heard.ActionCorrectPreference:
		return personPath(it.Person.ID, "/decisions/"+it.RecordID)
	case heard.ActionWriteEncounter, heard.ActionAddAgendaItem, heard.ActionWriteReflection, heard.ActionWritePreparation:
		return personPath(it.Person.ID, "/encounters/"+it.RecordID)
	case heard.ActionWriteRestriction, heard.ActionWriteRestrictionView:
		return personPath(it.Person.ID, "/restrictions/"+it.RecordID)
	case heard.ActionAddGoalNote:
		return personPath(it.Person.ID, "/goals/"+it.RecordID)
	case heard.ActionWriteMessage:
		return personPath(it.Person.ID, "/threads/"+it.RecordID)
	}
	return personPath(it.Person.ID, "/plan")
}

// NewsText says what happened: to her about her own record ("Mari
// Fjelltun (professional) recorded a decision about you: Medication
// dose"), to a professional without the record's content ("Ada Lindqvam
// commented on a decision").
func (p page) NewsText(it app.NewsItem) string {
	key := string(it.Action)
	if it.Created {
		key += ".new"
	}
	if p.Own() {
		if it.Action == heard.ActionWriteEncounter {
			switch {
			case it.WithoutHer:
				key += ".without"
			case it.Created && it.Past:
				key += ".past"
			}
		}
		title := it.Title
		if it.Action == heard.ActionWriteRestriction {
			title = p.T("restriction_kind." + it.Title)
		}
		return p.fill("news.mine."+key, map[string]string{"Who": p.Named(it.Who), "Title": title, "Date": p.L.DateTime(it.Start)})
	}
	who := it.Person.Name
	if !it.Who.Her {
		who = p.Named(it.Who)
		if it.Action == heard.ActionAddAgendaItem {
			key += ".team"
		}
	}
	return p.fill("news.care."+key, map[string]string{"Who": who, "Name": it.Person.Name})
}

// fill translates a key built at run time, one of a family whose messages
// use different parts of what is known: each gets the values it names.
func (p page) fill(key string, known map[string]string) string {
	var args []any
	for _, name := range i18n.Placeholders(p.L.Lang(), key) {
		args = append(args, name, known[name])
	}
	return p.T(key, args...)
}
