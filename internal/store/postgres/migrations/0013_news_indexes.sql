-- "New since you were last here" reads only writes, and a person's log is
-- mostly reads: these partial indexes hold just the writes each home is
-- told about, so that finding them does not walk her reads. The
-- conditions are, word for word, those sqlstore.ListNews states
-- (hersNews, careNews); heard.PersonNews and heard.CareNews list the
-- actions, and a store test checks the two agree.
CREATE INDEX access_log_news_hers ON access_log (person_id, seq)
    WHERE outcome = 'allowed' AND actor_role <> 'person' AND action IN ('decision.update', 'encounter.update', 'agenda.create', 'plan.suggest', 'goal_note.create', 'restriction.update');
CREATE INDEX access_log_news_care ON access_log (person_id, seq)
    WHERE outcome = 'allowed' AND action IN ('decision_comment.update', 'decision_preference.update', 'restriction_view.update', 'agenda.create', 'reflection.update', 'preparation.update', 'suggestion.resolve', 'decision.update', 'encounter.update', 'restriction.update');
